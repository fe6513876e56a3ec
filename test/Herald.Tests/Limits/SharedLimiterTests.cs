using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.RateLimiting;
using Herald.Limits;
using Herald.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Herald.Tests.Limits;

/// <summary>The seam a cluster store plugs its counters into: Herald's limits go through it, whatever counts.</summary>
public sealed class SharedLimiterTests
{
    [Fact]
    public async Task A_limiter_in_place_of_the_default_counts_publishes_and_connections_and_its_refusal_is_a_429()
    {
        var limiter = new RecordingLimiter { RefusePublishes = true };
        await using var server = await HeraldTestServer.StartAsync(null, s => s.Replace(ServiceDescriptor.Singleton<ISharedLimiter>(limiter)));

        await using (var client = await server.ConnectWelcomedAsync(server.Token("alice")))
        {
            limiter.Held.ShouldContainKey("connections:ip:127.0.0.1");
            limiter.Held.ShouldContainKey("connections:credential:sub:alice");
            limiter.Held["connections:credential:sub:alice"].ShouldBe(1);
        }

        // The connection's leases go back when it ends, so a store can free its slot for other nodes.
        await Eventually.TrueAsync(() => limiter.Held.Values.All(n => n == 0), "the connection's leases to be released");

        using var refused = await server.PostAsync("/api/publish", server.Token("pub", "publish"), new { channel = "public:r", @event = "e" });
        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(7));
        (await refused.Content.ReadFromJsonAsync<JsonElement>()).Str("code").ShouldBe(ErrorCodes.RateLimitExceeded);
        limiter.Taken.ShouldContain(("publish:sub:pub", 1, 1_000));
    }

    [Fact]
    public async Task A_batch_larger_than_the_credential_s_rate_is_refused_with_429_not_an_internal_error()
    {
        await using var server = await HeraldTestServer.StartAsync(new() { ["Herald:PublishesPerSecond"] = "2" });
        var messages = Enumerable.Range(0, 5).Select(i => new { channel = "public:b", @event = "e", data = i }).ToArray();

        using var response = await server.PostAsync("/api/publish/batch", server.Token("pub", "publish"), new { messages });

        response.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).Str("code").ShouldBe(ErrorCodes.RateLimitExceeded);
        using var small = await server.PostAsync("/api/publish/batch", server.Token("pub", "publish"), new { messages = messages[..2] });
        small.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private sealed class RecordingLimiter : ISharedLimiter
    {
        public bool RefusePublishes { get; init; }

        public ConcurrentDictionary<string, int> Held { get; } = new(StringComparer.Ordinal);

        public ConcurrentBag<(string Key, int Permits, int PerSecond)> Taken { get; } = [];

        public ValueTask<RateLimitLease> TryTakeAsync(string key, int permits, int perSecond, CancellationToken cancellationToken)
        {
            Taken.Add((key, permits, perSecond));
            return ValueTask.FromResult<RateLimitLease>(RefusePublishes ? SharedLimitLease.Refused(TimeSpan.FromSeconds(7)) : SharedLimitLease.Granted);
        }

        public ValueTask<RateLimitLease> TryHoldAsync(string key, int limit, CancellationToken cancellationToken)
        {
            Held.AddOrUpdate(key, 1, (_, n) => n + 1);
            return ValueTask.FromResult<RateLimitLease>(SharedLimitLease.Holding(() => Held.AddOrUpdate(key, 0, (_, n) => n - 1)));
        }
    }
}
