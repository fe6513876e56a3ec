using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Herald.Storage.Tests.Support;

namespace Herald.Storage.Tests.Postgres;

/// <summary>
/// The browser client (clients/js/dist/herald.js, run by Node) behind a load balancer while its
/// node is killed with -9: every acknowledged event exactly once, in order.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class JsClientFailoverTests(PostgresFixture postgres)
{
    private const string Script = """
        const [, , moduleUrl, url, token] = process.argv;
        const { HeraldClient } = await import(moduleUrl);
        const client = new HeraldClient({
          url,
          credentials: async () => ({ token }),
          backoff: { initialDelayMs: 50, maxDelayMs: 500 },
        });
        const sub = await client.subscribe("public:jsfailover");
        console.log("ready");
        for await (const update of sub) {
          console.log(update.type === "event" ? `event ${update.offset}` : `other ${update.type}`);
        }
        """;

    [Fact]
    public async Task The_browser_client_survives_kill_9_of_its_node_exactly_once_in_order()
    {
        var module = Path.Combine(RepoRoot(), "clients", "js", "dist", "herald.js");
        File.Exists(module).ShouldBeTrue($"build the browser client first (npm run build in clients/js): {module}");
        var connectionString = await postgres.Server.CreateDatabaseAsync("jskill");
        await using var a = HeraldNode.Start("node-a", connectionString);
        await using var b = HeraldNode.Start("node-b", connectionString);
        await a.WaitReadyAsync();
        await b.WaitReadyAsync();
        await using var balancer = new TcpRelay(a.BaseAddress);

        var script = Path.Combine(Path.GetTempPath(), $"herald-js-failover-{Guid.NewGuid():N}.mjs");
        await File.WriteAllTextAsync(script, Script);
        var lines = new ConcurrentQueue<string>();
        using var node = Process.Start(new ProcessStartInfo("node")
        {
            ArgumentList = { "--experimental-websocket", "--no-warnings", script, new Uri(module).AbsoluteUri, balancer.WebSocketUri().ToString(), Tokens.Reader },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        node.OutputDataReceived += (_, e) => { if (e.Data is { } line) lines.Enqueue(line); };
        node.ErrorDataReceived += (_, e) => { if (e.Data is { } line) lines.Enqueue("stderr " + line); };
        node.BeginOutputReadLine();
        node.BeginErrorReadLine();
        try
        {
            await Eventually.TrueAsync(() => lines.Contains("ready"), "the JS client to subscribe", TimeSpan.FromSeconds(20));
            var acknowledged = new ConcurrentBag<long>();
            var publisher = Task.Run(async () =>
            {
                for (var i = 0; i < 300; i++)
                {
                    var response = await b.PublishAsync("public:jsfailover", "tick", new { i });
                    if (response.IsSuccessStatusCode)
                    {
                        acknowledged.Add(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("offset").GetInt64());
                    }
                }
            });

            await Eventually.TrueAsync(() => Offsets(lines).Count >= 80, "80 events before the kill", TimeSpan.FromSeconds(30));
            a.Kill();
            balancer.Retarget(b.BaseAddress);
            await publisher;
            var owed = acknowledged.Order().ToList();
            await Eventually.TrueAsync(() => Offsets(lines).Count >= owed.Count, $"all {owed.Count} acknowledged events", TimeSpan.FromSeconds(30));

            lines.ShouldNotContain(l => l.StartsWith("other gap", StringComparison.Ordinal), "the surviving node has the whole history");
            balancer.Accepted.ShouldBeGreaterThan(1, "the client should have reconnected through the balancer");
            Offsets(lines).ShouldBe(owed, "every acknowledged event exactly once, in order");
        }
        finally
        {
            node.Kill(entireProcessTree: true);
            File.Delete(script);
        }
    }

    private static List<long> Offsets(IEnumerable<string> lines) =>
        [.. lines.Where(l => l.StartsWith("event ", StringComparison.Ordinal)).Select(l => long.Parse(l[6..], System.Globalization.CultureInfo.InvariantCulture))];

    private static string RepoRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Herald.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Herald.slnx not found above the test binaries.");
    }
}
