using System.Net;
using System.Text.Json;
using Herald.Storage.Tests.Support;

namespace Herald.Storage.Tests.Sqlite;

/// <summary>The server process killed with SIGKILL: what it acknowledged was already on disk.</summary>
public sealed class SqliteCrashTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "herald-sqlite-crash-" + Guid.NewGuid().ToString("N")[..12]);

    private Dictionary<string, string> Settings => new()
    {
        ["HERALD__STORE"] = "sqlite",
        ["HERALD__DATADIRECTORY"] = _dataDirectory,
    };

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    [Fact]
    public async Task Every_acknowledged_publish_survives_kill_9_and_clients_resume_with_recovered_true()
    {
        const int count = 40;
        string epoch;
        await using (var node = HeraldNode.Start("crash-1", connectionString: "", Settings))
        {
            await node.WaitReadyAsync();

            // Concurrent publishers, so acknowledged groups are still in flight when the kill lands.
            var acknowledged = await Task.WhenAll(Enumerable.Range(0, 4).Select(async p =>
            {
                var offsets = new List<(string Epoch, long Offset)>();
                for (var n = 0; n < count / 4; n++)
                {
                    using var response = await node.PublishAsync("public:crash", "tick", new { p, n });
                    response.StatusCode.ShouldBe(HttpStatusCode.OK);
                    var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
                    offsets.Add((body.GetProperty("epoch").GetString()!, body.GetProperty("offset").GetInt64()));
                }

                return offsets;
            }));
            epoch = acknowledged[0][0].Epoch;
            acknowledged.SelectMany(a => a).Select(a => a.Offset).Order().ShouldBe(Enumerable.Range(1, count).Select(i => (long)i));
            node.Kill();
        }

        await using (var node = HeraldNode.Start("crash-2", connectionString: "", Settings))
        {
            await node.WaitReadyAsync();
            await using var client = await node.ConnectAsync(Tokens.Reader);
            await client.SendAsync(new { type = "subscribe", id = 1, channel = "public:crash", since = new { epoch, offset = 0 } });
            var subscribed = await client.NextOfTypeAsync("subscribed");
            subscribed.GetProperty("recovered").GetBoolean().ShouldBeTrue();
            subscribed.Str("epoch").ShouldBe(epoch);
            subscribed.Long("offset").ShouldBe(count);
            var events = await client.CollectAsync("event", count);
            events.Select(e => e.Long("offset")).ShouldBe(Enumerable.Range(1, count).Select(i => (long)i));
        }
    }
}
