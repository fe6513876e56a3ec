using System.Net;
using Herald.Api.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Herald.Api.Tests.Authentication;

/// <summary>
/// A validated token is remembered until its expiry, so a repeated token skips the signature check;
/// the cache must never accept what full validation would refuse.
/// </summary>
public sealed class TokenCacheTests
{
    private static readonly object Message = new { channel = "public:cache", @event = "e", data = new { n = 1 } };

    [Fact]
    public async Task A_token_accepted_before_its_expiry_is_refused_after_it_as_token_expired()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await HeraldTestServer.StartAsync(null, services => services.AddSingleton<TimeProvider>(clock));
        var token = server.TokenFor("alice", TimeSpan.FromMinutes(10), "publish");
        await (await server.PostAsync("/api/publish", token, Message)).ShouldBeOkJsonAsync();

        clock.Advance(TimeSpan.FromMinutes(11));

        await (await server.PostAsync("/api/publish", token, Message)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "TOKEN_EXPIRED");
    }

    [Fact]
    public async Task A_token_that_differs_from_an_accepted_one_only_in_its_signature_is_refused()
    {
        await using var server = await HeraldTestServer.StartAsync();
        var token = server.Token("alice", "publish");
        await (await server.PostAsync("/api/publish", token, Message)).ShouldBeOkJsonAsync();

        var forged = OtherSignature(token);
        var truncated = token[..^4];
        var extended = token + "AAAA";

        foreach (var other in new[] { forged, truncated, extended })
        {
            await (await server.PostAsync("/api/publish", other, Message)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
        }

        await (await server.PostAsync("/api/publish", token, Message)).ShouldBeOkJsonAsync();
    }

    [Fact]
    public async Task Each_cached_token_keeps_its_own_subject_and_attributes()
    {
        await using var server = await HeraldTestServer.StartAsync();
        var admin = server.Token("root", "admin");
        var plain = server.Token("bob");

        for (var round = 0; round < 2; round++)
        {
            await (await server.GetAsync("/api/stats", admin)).ShouldBeOkJsonAsync();
            await (await server.GetAsync("/api/stats", plain)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "ACCESS_DENIED");
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("3")]
    public async Task With_the_cache_off_or_tiny_every_token_is_still_checked(string size)
    {
        await using var server = await HeraldTestServer.StartAsync(new() { ["Herald:Jwt:CacheSize"] = size });
        var tokens = Enumerable.Range(0, 6).Select(i => server.Token($"user{i}", "publish")).ToArray();

        for (var round = 0; round < 2; round++)
        {
            foreach (var token in tokens)
            {
                await (await server.PostAsync("/api/publish", token, Message)).ShouldBeOkJsonAsync();
                await (await server.PostAsync("/api/publish", OtherSignature(token), Message)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
            }
        }
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("1000001")]
    public async Task A_cache_size_out_of_range_fails_start_up_naming_it(string size)
    {
        var failure = await Should.ThrowAsync<OptionsValidationException>(() => HeraldTestServer.StartAsync(new() { ["Herald:Jwt:CacheSize"] = size }));
        failure.Message.ShouldContain("Herald:Jwt:CacheSize");
    }

    /// <summary>Same header and claims; the signature's first character changed (its last may carry only padding bits).</summary>
    private static string OtherSignature(string token)
    {
        var at = token.LastIndexOf('.') + 1;
        return string.Concat(token.AsSpan(0, at), token[at] == 'A' ? "B" : "A", token.AsSpan(at + 1));
    }
}
