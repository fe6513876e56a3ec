using System.Text.Json;
using Herald.Dashboard.Tests.Support;
using Microsoft.Playwright;

namespace Herald.Dashboard.Tests;

/// <summary>
/// Seed 004's JavaScript client, run as written in Chromium against the standalone server's
/// <c>/ws/cluster</c> (only host and port changed): every frame goes through
/// <c>JSON.parse(e.data)</c>, and a frame it cannot parse would be a page error.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ClusterSeedClientTests(PostgresFixture postgres, BrowserFixture chromium) : IClassFixture<BrowserFixture>
{
    // The seed's snippet, with localhost:8080 replaced by the node's address and authenticate()
    // handing over the test's token. Its console.log is what the test reads.
    private const string SeedClient = """
        async ([address, issued]) => {
          const authenticate = async () => issued;
          const token = await authenticate();
          const ws = new WebSocket(`ws://${address}/ws/cluster?token=${token}`);
          ws.onmessage = (e) => console.log(JSON.parse(e.data));
          // Not the seed's: how the test learns the close code.
          ws.addEventListener("close", (e) => console.log({ closed: e.code }));
        }
        """;

    [Fact]
    public async Task The_seed_client_logs_the_status_at_once_then_status_latency_and_uptime()
    {
        var database = await postgres.Server.CreateDatabaseAsync("seed_cluster");
        await using var a = HeraldNode.Start("node-a", database);
        await a.WaitReadyAsync();

        var (logged, errors) = await RunAsync(a, Tokens.For("ops", "admin"));

        await Eventually.TrueAsync(() => Kinds(logged).Count(k => k == "status") >= 2 && Kinds(logged).Contains("latency") && Kinds(logged).Contains("uptime"),
            "a status at connect, then a status tick with its latency and uptime", TimeSpan.FromSeconds(15));
        var messages = Snapshot(logged);
        messages[0].GetProperty("type").GetString().ShouldBe("status");
        messages[0].GetProperty("data").GetProperty("nodes")[0].GetProperty("node").GetString().ShouldBe("node-a");
        messages.All(m => m.TryGetProperty("timestamp", out _)).ShouldBeTrue("every message has its timestamp");
        errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_non_admin_seed_client_logs_the_error_then_the_close()
    {
        var database = await postgres.Server.CreateDatabaseAsync("seed_cluster_denied");
        await using var a = HeraldNode.Start("node-a", database);
        await a.WaitReadyAsync();

        var (logged, errors) = await RunAsync(a, Tokens.For("reader"));

        await Eventually.TrueAsync(() => Snapshot(logged).Any(m => m.TryGetProperty("closed", out _)), "the close");
        var messages = Snapshot(logged);
        messages.Count.ShouldBe(2);
        messages[0].GetProperty("type").GetString().ShouldBe("error");
        messages[0].GetProperty("data").GetProperty("code").GetString().ShouldBe("ACCESS_DENIED");
        messages[1].GetProperty("closed").GetInt32().ShouldBe(4003);
        errors.ShouldBeEmpty();
    }

    private async Task<(List<JsonElement> Logged, List<string> Errors)> RunAsync(HeraldNode node, string token)
    {
        var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var logged = new List<JsonElement>();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        page.Console += async (_, message) =>
        {
            if (message.Args.Count == 1 && await message.Args[0].JsonValueAsync<JsonElement>() is { ValueKind: JsonValueKind.Object } value)
            {
                lock (logged)
                {
                    logged.Add(value);
                }
            }
        };
        await page.GotoAsync(new Uri(node.BaseAddress, "/health/live").ToString());
        await page.EvaluateAsync(SeedClient, new[] { $"127.0.0.1:{node.Port}", token });
        return (logged, errors);
    }

    private static List<JsonElement> Snapshot(List<JsonElement> logged)
    {
        lock (logged)
        {
            return [.. logged];
        }
    }

    private static List<string?> Kinds(List<JsonElement> logged) =>
        [.. Snapshot(logged).Where(m => m.TryGetProperty("type", out _)).Select(m => m.GetProperty("type").GetString())];
}
