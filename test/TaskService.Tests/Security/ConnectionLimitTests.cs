using System.Net;
using System.Net.WebSockets;
using TaskService.Realtime;
using TaskService.Tests.Support;

namespace TaskService.Tests.Security;

public sealed class ConnectionLimitTests
{
    [Fact]
    public async Task The_eleventh_connection_from_one_IP_is_refused_with_429_while_the_first_ten_keep_working()
    {
        await using var host = await TaskServiceHost.StartAsync();
        var alice = await host.CreateKeyAsync("alice");
        var bob = await host.CreateKeyAsync("bob");
        var carol = await host.CreateKeyAsync("carol");
        var aliceTask = await host.CreateTaskAsync(alice, await host.CreateJobAsync(alice));
        var bobTask = await host.CreateTaskAsync(bob, await host.CreateJobAsync(bob));

        // Two keys, five each: the limit is the address's, not a key's.
        var clients = new List<(TestClient Client, TestKey Key)>();
        try
        {
            for (var i = 0; i < 10; i++)
            {
                var key = i % 2 == 0 ? alice : bob;
                clients.Add((await host.WatchAsync(key, Rooms.User(key.User)), key));
            }

            var status = await RefusedStatusAsync(host.WebSocketUri("api_key=" + Uri.EscapeDataString(carol.Key)));
            status.ShouldBe(HttpStatusCode.TooManyRequests);

            await host.PutOkAsync(alice, $"/api/tasks/{aliceTask}/fee", new { fee = 2m });
            await host.PutOkAsync(bob, $"/api/tasks/{bobTask}/fee", new { fee = 2m });
            foreach (var (client, key) in clients)
            {
                var e = (await client.EventsAsync(1))[0];
                e.Str("channel").ShouldBe(Rooms.User(key.User));
                e.Describe().ShouldBe($"TASK_FEE_UPDATED task:{(key == alice ? aliceTask : bobTask)}");
            }

            // A closed connection frees its place.
            await clients[0].Client.DisposeAsync();
            clients.RemoveAt(0);
            await using var replacement = await ConnectWhenAllowedAsync(host, carol);
        }
        finally
        {
            foreach (var (client, _) in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_keys_own_connection_limit_is_enforced_while_other_keys_still_connect()
    {
        await using var host = await TaskServiceHost.StartAsync();
        var limited = await host.CreateKeyAsync("alice", maxConnections: 2);
        var other = await host.CreateKeyAsync("bob");

        await using var first = await host.ConnectWelcomedAsync(limited);
        await using var second = await host.ConnectWelcomedAsync(limited);
        (await RefusedStatusAsync(host.WebSocketUri("api_key=" + Uri.EscapeDataString(limited.Key)))).ShouldBe(HttpStatusCode.TooManyRequests);
        await using var third = await host.ConnectWelcomedAsync(other);
    }

    [Fact]
    public async Task A_keys_request_rate_is_enforced_with_429_and_problem_details()
    {
        await using var host = await TaskServiceHost.StartAsync();
        var limited = await host.CreateKeyAsync("alice", requestsPerSecond: 2);
        var other = await host.CreateKeyAsync("bob");

        var statuses = new List<HttpStatusCode>();
        string? refusal = null;
        for (var i = 0; i < 6; i++)
        {
            using var response = await host.SendAsync(HttpMethod.Get, "/api/tasks/1", limited);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                response.Headers.RetryAfter.ShouldNotBeNull();
                refusal = await response.Content.ReadAsStringAsync();
            }
        }

        statuses[0].ShouldBe(HttpStatusCode.NotFound);
        statuses.ShouldContain(HttpStatusCode.TooManyRequests);
        refusal.ShouldNotBeNull().ShouldContain("\"code\":\"RATE_LIMIT_EXCEEDED\"");
        using var unaffected = await host.SendAsync(HttpMethod.Get, "/api/tasks/1", other);
        unaffected.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    internal static async Task<HttpStatusCode> RefusedStatusAsync(Uri uri)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        await Should.ThrowAsync<WebSocketException>(() => socket.ConnectAsync(uri, CancellationToken.None));
        return socket.HttpStatusCode;
    }

    /// <summary>The server frees a place when it notices the close; until then a connect may still get 429.</summary>
    private static async Task<TestClient> ConnectWhenAllowedAsync(TaskServiceHost host, TestKey key) =>
        (await Eventually.UntilAsync(
            async () =>
            {
                try
                {
                    return await host.ConnectWelcomedAsync(key);
                }
                catch (WebSocketException)
                {
                    return null;
                }
            },
            client => client is not null,
            "a place freed by the closed connection"))!;
}
