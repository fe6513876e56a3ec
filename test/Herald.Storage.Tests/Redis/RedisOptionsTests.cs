using Herald.Storage.Redis;

namespace Herald.Storage.Tests.Redis;

public sealed class RedisOptionsTests
{
    [Fact]
    public void A_missing_doubled_or_repeated_instance_and_impossible_timings_fail_start_up_with_the_key_named()
    {
        static IEnumerable<string> Errors(RedisOptions o) => new RedisOptionsValidator().Validate(null, o).Failures ?? [];

        Errors(new RedisOptions()).ShouldContain(e => e.Contains("Herald:Redis:ConnectionString", StringComparison.Ordinal));
        Errors(new RedisOptions { ConnectionString = "a:6379", ConnectionStrings = ["b:6379"] }).ShouldContain(e => e.Contains("both", StringComparison.Ordinal));
        Errors(new RedisOptions { ConnectionStrings = ["a:6379", "A:6379"] }).ShouldContain(e => e.Contains("ConnectionStrings:1", StringComparison.Ordinal));
        Errors(new RedisOptions { ConnectionString = "a:6379", ProbeTimeout = TimeSpan.Zero }).ShouldContain(e => e.Contains("ProbeTimeout", StringComparison.Ordinal));
        Errors(new RedisOptions { ConnectionString = "a:6379", NodeTimeout = TimeSpan.FromSeconds(1) }).ShouldContain(e => e.Contains("NodeTimeout", StringComparison.Ordinal));
        Errors(new RedisOptions { ConnectionString = "a:6379", KeyPrefix = "" }).ShouldContain(e => e.Contains("KeyPrefix", StringComparison.Ordinal));
        Errors(new RedisOptions { ConnectionStrings = ["a:6379", "b:6379"] }).ShouldBeEmpty();
        new RedisOptions { ConnectionString = "a:6379" }.Instances.ShouldBe(["a:6379"]);
    }
}
