using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using TaskService.Realtime;
using TaskService.Tests.Support;

namespace TaskService.Tests.SeedClient;

/// <summary>
/// The task service's own browser client (seed 003), run as written in Chromium against
/// <c>/api/ws/tasks</c>: it knows nothing of Herald, only the service's documented messages.
/// </summary>
public sealed class SeedClientTests
{
    private const string Received = "Received message:";

    [Fact]
    public async Task The_seed_client_gets_every_task_event_of_its_rooms_and_another_user_gets_access_denied_and_nothing()
    {
        await using var host = await TaskServiceHost.StartAsync();
        var owner = await host.CreateKeyAsync(SeedSnippets.User);
        var other = await host.CreateKeyAsync("bob");
        var job = await host.CreateJobAsync(owner);
        var task = await host.CreateTaskAsync(owner, job);
        var (playwright, browser) = await Browser.LaunchAsync();
        try
        {
            var client = await SeedPage.OpenAsync(browser, host.BaseAddress, Url(host, owner.Key));
            await client.WaitOpenAsync();
            await client.RunAsync(SeedSnippets.HandleUpdates);
            await client.RunAsync(SeedSnippets.WithIds(SeedSnippets.Subscribe, job, task));
            await Eventually.TrueAsync(async () => (await RoomsAsync(host)).Count == 3, "the three rooms were joined");

            var intruder = await SeedPage.OpenAsync(browser, host.BaseAddress, Url(host, other.Key));
            await intruder.WaitOpenAsync();
            await intruder.RunAsync(SeedSnippets.WithIds(SeedSnippets.Subscribe, job, task));
            await intruder.WaitLoggedAsync(Received, 3);
            (await intruder.LoggedAsync(Received)).Select(m => $"{m.Str("type")} {m.GetProperty("data").Str("code")}")
                .ShouldBe(["ERROR ACCESS_DENIED", "ERROR ACCESS_DENIED", "ERROR ACCESS_DENIED"]);

            await host.PutOkAsync(owner, $"/api/tasks/{task}/fee", new { fee = 3m });
            await host.PutOkAsync(owner, $"/api/tasks/{task}/status", new { status = "processing" });
            await host.PutOkAsync(owner, $"/api/tasks/execution/{task}", new { task_performer_id = 9, execution_tx_hash = "0xabc" });
            var created = await host.CreateTaskAsync(owner, job);

            // Each change reaches the job, task and user rooms; a new task is in no task room yet.
            await client.WaitLoggedAsync("Task fee updated:", 3);
            await client.WaitLoggedAsync("Task status changed:", 3);
            await client.WaitLoggedAsync("Task updated:", 3);
            await client.WaitLoggedAsync("New task created:", 2);
            var fee = (await client.LoggedAsync("Task fee updated:"))[0];
            fee.GetProperty("task_id").ValueKind.ShouldBe(JsonValueKind.Number);
            fee.Long("task_id").ShouldBe(task);
            fee.Str("job_id").ShouldBe(job.ToString(CultureInfo.InvariantCulture));
            fee.Str("user_id").ShouldBe(SeedSnippets.User);
            fee.GetProperty("changes").ValueKind.ShouldBe(JsonValueKind.Object);
            DateTimeOffset.Parse(fee.Str("timestamp"), CultureInfo.InvariantCulture).ShouldBeInRange(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
            (await client.LoggedAsync("New task created:")).ShouldAllBe(d => d.Long("task_id") == created);

            // One JSON object per frame, each with a type and a timestamp; nothing the seed's JSON.parse choked on.
            await ShouldAllParseAsync(client);
            await ShouldAllParseAsync(intruder);
            (await intruder.FramesAsync()).ShouldAllBe(f => !f.Contains("TASK_", StringComparison.Ordinal), "the other user hears nothing of the owner's rooms");

            await client.RunAsync(SeedSnippets.WithIds(SeedSnippets.Unsubscribe, job, task));
            await Eventually.TrueAsync(async () => !(await RoomsAsync(host)).ContainsKey(Rooms.Job(job)), "the job room was left");
            await host.PutOkAsync(owner, $"/api/tasks/{task}/fee", new { fee = 4m });
            await host.PutOkAsync(owner, $"/api/tasks/{task}/status", new { status = "completed" });
            await client.WaitLoggedAsync("Task status changed:", 5);
            (await client.LoggedAsync("Task fee updated:")).Count.ShouldBe(5, "after UNSUBSCRIBE the job room's copy no longer comes");
        }
        finally
        {
            await browser.DisposeAsync();
            playwright.Dispose();
        }
    }

    [Fact]
    public async Task The_seed_client_reads_each_documented_error_as_one_ERROR_message()
    {
        await using var host = await TaskServiceHost.StartAsync();
        var limited = await host.CreateKeyAsync(SeedSnippets.User, maxConnections: 1);
        var (playwright, browser) = await Browser.LaunchAsync();
        try
        {
            var missing = await SeedPage.OpenAsync(browser, host.BaseAddress, host.WebSocketUri(path: TaskServiceApp.WebSocketPath).ToString());
            var invalid = await SeedPage.OpenAsync(browser, host.BaseAddress, Url(host, "not-a-key"));
            var first = await SeedPage.OpenAsync(browser, host.BaseAddress, Url(host, limited.Key));
            await first.WaitOpenAsync();
            var second = await SeedPage.OpenAsync(browser, host.BaseAddress, Url(host, limited.Key));

            (await OnlyErrorAsync(missing)).ShouldBe("MISSING_API_KEY");
            (await OnlyErrorAsync(invalid)).ShouldBe("INVALID_API_KEY");
            (await OnlyErrorAsync(second)).ShouldBe("RATE_LIMIT_EXCEEDED");

            await first.RunAsync("ws.send(JSON.stringify({ type: 'SUBSCRIBE', data: { room: 'room:1' } }));");
            await first.WaitLoggedAsync(Received, 1);
            var error = (await first.LoggedAsync(Received)).Single();
            error.Str("type").ShouldBe("ERROR");
            error.GetProperty("data").Str("code").ShouldBe("INVALID_ROOM");
            error.GetProperty("data").Str("message").ShouldNotBeNullOrWhiteSpace();
            (await first.ClosesAsync()).ShouldBeEmpty("a bad room is answered, not punished with a close");
        }
        finally
        {
            await browser.DisposeAsync();
            playwright.Dispose();
        }
    }

    private static string Url(TaskServiceHost host, string key) =>
        host.WebSocketUri("api_key=" + Uri.EscapeDataString(key), TaskServiceApp.WebSocketPath).ToString();

    /// <summary>A refused connection: it opened (a browser cannot read a refused upgrade), got one ERROR, and was closed.</summary>
    private static async Task<string> OnlyErrorAsync(SeedPage page)
    {
        await page.WaitClosedAsync();
        var frames = await page.FramesAsync();
        frames.Count.ShouldBe(1, string.Join('\n', frames));
        await ShouldAllParseAsync(page);
        var error = (await page.LoggedAsync(Received)).Single();
        error.Str("type").ShouldBe("ERROR");
        error.GetProperty("data").Str("message").ShouldNotBeNullOrWhiteSpace();
        return error.GetProperty("data").Str("code");
    }

    private static async Task ShouldAllParseAsync(SeedPage page)
    {
        (await page.ErrorsAsync()).ShouldBeEmpty();
        foreach (var frame in await page.FramesAsync())
        {
            using var message = JsonDocument.Parse(frame);
            message.RootElement.Str("type").ShouldNotBeNullOrEmpty(frame);
            message.RootElement.Str("timestamp").ShouldNotBeNullOrEmpty(frame);
        }
    }

    private static async Task<Dictionary<string, int>> RoomsAsync(TaskServiceHost host)
    {
        var stats = await host.Http.GetFromJsonAsync<JsonElement>("/api/ws/stats");
        return stats.GetProperty("data").GetProperty("rooms").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
    }
}
