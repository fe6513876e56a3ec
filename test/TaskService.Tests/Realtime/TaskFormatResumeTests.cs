using TaskService.Realtime;
using TaskService.Tests.Support;

namespace TaskService.Tests.Realtime;

/// <summary>The task service's format on <c>/api/ws/tasks</c>: a client that reconnects with the last event's <c>since</c> misses nothing.</summary>
public sealed class TaskFormatResumeTests
{
    [Fact]
    public async Task A_client_reconnecting_with_since_gets_what_was_published_while_it_was_away_in_order()
    {
        await using var host = await TaskServiceHost.StartAsync();
        var alice = await host.CreateKeyAsync("alice");
        var job = await host.CreateJobAsync(alice);
        var task = await host.CreateTaskAsync(alice, job);
        var room = Rooms.Job(job);
        var subscribe = new { type = "SUBSCRIBE", data = new { room, job_id = job.ToString(System.Globalization.CultureInfo.InvariantCulture) } };

        string since;
        await using (var before = await ConnectAsync(host, alice))
        {
            await before.SendAsync(subscribe);
            (await before.NextOfTypeAsync("SUBSCRIBED")).GetProperty("data").Str("room").ShouldBe(room);
            await host.PutOkAsync(alice, $"/api/tasks/{task}/fee", new { fee = 2m });
            var seen = await before.NextOfTypeAsync("TASK_FEE_UPDATED");
            seen.Str("room").ShouldBe(room);
            since = seen.Str("since");
        }

        await host.PutOkAsync(alice, $"/api/tasks/{task}/fee", new { fee = 3m });
        await host.PutOkAsync(alice, $"/api/tasks/{task}/status", new { status = "processing" });

        await using var after = await ConnectAsync(host, alice, "&since=" + Uri.EscapeDataString(since));
        await after.SendAsync(subscribe);
        await after.NextOfTypeAsync("SUBSCRIBED");
        var missed = await after.NextOfTypeAsync("TASK_FEE_UPDATED");
        missed.GetProperty("data").GetProperty("changes").GetProperty("fee").GetDecimal().ShouldBe(3m);
        (await after.NextOfTypeAsync("TASK_STATUS_CHANGED")).GetProperty("data").Long("task_id").ShouldBe(task);
    }

    private static Task<TestClient> ConnectAsync(TaskServiceHost host, TestKey key, string extra = "") =>
        TestClient.ConnectAsync(host.WebSocketUri("api_key=" + Uri.EscapeDataString(key.Key) + extra, TaskServiceApp.WebSocketPath));
}
