namespace Herald.Client.Tests.Connection;

public sealed class BackoffTests
{
    [Fact]
    public void Without_jitter_delays_double_up_to_the_cap()
    {
        var backoff = new Backoff(new BackoffOptions { InitialDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(1), Jitter = 0 });

        Enumerable.Range(0, 7).Select(a => backoff.Delay(a).TotalMilliseconds).ShouldBe([100, 200, 400, 800, 1000, 1000, 1000]);
    }

    [Fact]
    public void Jitter_spreads_each_delay_between_its_share_and_the_whole()
    {
        var backoff = new Backoff(new BackoffOptions { InitialDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(10), Jitter = 0.5, Random = new Random(7) });

        for (var attempt = 0; attempt < 6; attempt++)
        {
            var ceiling = 100 * Math.Pow(2, attempt);
            var delays = Enumerable.Range(0, 200).Select(_ => backoff.Delay(attempt).TotalMilliseconds).ToList();
            delays.ShouldAllBe(d => d >= ceiling * 0.5 && d <= ceiling);
            delays.Distinct().Count().ShouldBeGreaterThan(100, "jitter must not put clients in lockstep");
        }
    }

    [Fact]
    public void Huge_attempt_numbers_stay_at_the_cap()
    {
        var backoff = new Backoff(new BackoffOptions { MaxDelay = TimeSpan.FromSeconds(30), Jitter = 0 });

        backoff.Delay(10_000).ShouldBe(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void Reconnect_at_once_waits_at_most_the_jittered_share_of_the_first_delay()
    {
        var backoff = new Backoff(new BackoffOptions { InitialDelay = TimeSpan.FromMilliseconds(500), Jitter = 0.5, Random = new Random(3) });

        Enumerable.Range(0, 100).Select(_ => backoff.Immediate().TotalMilliseconds).ShouldAllBe(d => d >= 0 && d <= 250);
    }
}
