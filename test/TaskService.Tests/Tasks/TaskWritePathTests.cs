using System.Globalization;
using TaskService.Realtime;
using TaskService.Tests.Support;

namespace TaskService.Tests.Tasks;

/// <summary>Every write of the REST API is announced from the repository, with exactly what it changed.</summary>
public sealed class TaskWritePathTests
{
    [Fact]
    public async Task Each_endpoint_publishes_its_event_with_only_the_changed_fields()
    {
        await using var host = await TaskServiceHost.StartAsync();
        var alice = await host.CreateKeyAsync("alice");
        var job = await host.CreateJobAsync(alice);
        await using var room = await host.WatchAsync(alice, Rooms.Job(job));

        var task = await host.CreateTaskAsync(alice, job, fee: 2m);
        await host.PutOkAsync(alice, $"/api/tasks/execution/{task}", new { task_performer_id = 4, execution_tx_hash = "0xabc", execution_timestamp = "2026-01-01T00:00:00Z" });
        await host.PutOkAsync(alice, $"/api/tasks/{task}/attestation", new { task_attester_ids = new[] { 1, 2 }, is_successful = true, tp_signature = "tp" });
        await host.PutOkAsync(alice, $"/api/tasks/{task}/fee", new { fee = 2.00m }); // the same fee: nothing changed
        await host.PutOkAsync(alice, $"/api/tasks/{task}/fee", new { fee = 5m });
        await host.PutOkAsync(alice, $"/api/tasks/{task}/status", new { status = "processing", task_number = 9 });

        var events = await room.EventsAsync(5);
        events.Select(e => e.Str("event")).ShouldBe(["TASK_CREATED", "TASK_UPDATED", "TASK_UPDATED", "TASK_FEE_UPDATED", "TASK_STATUS_CHANGED"]);
        events.ShouldAllBe(e => e.Data().Long("task_id") == task && e.Data().Str("job_id") == job.ToString(CultureInfo.InvariantCulture) && e.Data().Str("user_id") == "alice");

        var created = events[0].Changes();
        created.Str("status").ShouldBe("pending");
        created.Long("task_number").ShouldBe(1);
        created.GetProperty("fee").GetDecimal().ShouldBe(2m);
        created.Long("task_definition_id").ShouldBe(7);
        events[1].Changes().Names().ShouldBe(["execution_timestamp", "execution_tx_hash", "task_performer_id"]);
        events[1].Changes().Str("execution_tx_hash").ShouldBe("0xabc");
        events[2].Changes().Names().ShouldBe(["is_successful", "task_attester_ids", "tp_signature"]);
        events[3].Changes().GetProperty("fee").GetDecimal().ShouldBe(5m);
        events[4].Changes().Names().ShouldBe(["status", "task_number"]);
    }
}
