using System.Collections.Concurrent;
using System.Text.Json;
using Herald.Client;
using Herald.Storage.Tests.Support;

namespace Herald.Storage.Tests.Postgres;

/// <summary>
/// The .NET client behind a load balancer (a relay) while its node is killed with -9: it
/// reconnects through the balancer to the surviving node, resumes, and ends up with every
/// acknowledged event exactly once, in order.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ClientFailoverTests(PostgresFixture postgres)
{
    [Fact]
    public async Task The_dotnet_client_survives_kill_9_of_its_node_exactly_once_in_order()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync("clientkill");
        await using var a = HeraldNode.Start("node-a", connectionString);
        await using var b = HeraldNode.Start("node-b", connectionString);
        await a.WaitReadyAsync();
        await b.WaitReadyAsync();
        await using var balancer = new TcpRelay(a.BaseAddress);
        var token = Tokens.Reader;
        await using var client = new HeraldClient(new HeraldClientOptions
        {
            Url = balancer.WebSocketUri(),
            Credentials = CredentialProviders.Token(_ => ValueTask.FromResult<string?>(token)),
            Backoff = new() { InitialDelay = TimeSpan.FromMilliseconds(50), MaxDelay = TimeSpan.FromMilliseconds(500) },
        });
        await using var subscription = await client.SubscribeAsync("public:failover");

        // Publishes go through node B, which survives; only acknowledged ones are owed.
        var acknowledged = new ConcurrentBag<long>();
        using var stop = new CancellationTokenSource();
        var publisher = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested && i < 400; i++)
            {
                var response = await b.PublishAsync("public:failover", "tick", new { i });
                if (response.IsSuccessStatusCode)
                {
                    acknowledged.Add(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("offset").GetInt64());
                }
            }
        });

        var received = new List<long>();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var updates = subscription.GetAsyncEnumerator(deadline.Token);
        while (received.Count < 100 && await updates.MoveNextAsync())
        {
            if (updates.Current is HeraldEvent e)
            {
                received.Add(e.Offset);
            }
        }

        a.Kill();
        balancer.Retarget(b.BaseAddress);
        await publisher;
        var owed = acknowledged.Count;
        while (received.Count < owed && await updates.MoveNextAsync())
        {
            updates.Current.ShouldNotBeOfType<HistoryGap>("the surviving node has the whole history");
            if (updates.Current is HeraldEvent e)
            {
                received.Add(e.Offset);
            }
        }

        balancer.Accepted.ShouldBeGreaterThan(1, "the client should have reconnected through the balancer");
        received.ShouldBe(acknowledged.Order().ToList(), "every acknowledged event exactly once, in order");
    }
}
