using System.Globalization;
using TaskService.Realtime;
using TaskService.Tests.Support;

namespace TaskService.Tests.Realtime;

public sealed class FeeUpdateDeliveryTests
{
    [Fact]
    public async Task A_fee_update_reaches_the_job_task_and_user_rooms_exactly_once_each_and_nobody_else()
    {
        await using var host = await TaskServiceHost.StartAsync();
        var alice = await host.CreateKeyAsync("alice");
        var bob = await host.CreateKeyAsync("bob");
        var job1 = await host.CreateJobAsync(alice);
        var job2 = await host.CreateJobAsync(alice);
        var bobJob = await host.CreateJobAsync(bob);
        var task1 = await host.CreateTaskAsync(alice, job1);
        var task2 = await host.CreateTaskAsync(alice, job1);
        var task3 = await host.CreateTaskAsync(alice, job2);
        var bobTask = await host.CreateTaskAsync(bob, bobJob);

        // Rooms that must hear about task 1 once each...
        await using var jobRoom = await host.WatchAsync(alice, Rooms.Job(job1));
        await using var taskRoom = await host.WatchAsync(alice, Rooms.Task(task1));
        await using var userRoom = await host.WatchAsync(alice, Rooms.User("alice"));

        // ...and rooms that must not: a sibling task, another job of the same user, another user.
        await using var siblingTaskRoom = await host.WatchAsync(alice, Rooms.Task(task2));
        await using var otherJobRoom = await host.WatchAsync(alice, Rooms.Job(job2));
        await using var bobUserRoom = await host.WatchAsync(bob, Rooms.User("bob"));
        await using var bobJobRoom = await host.WatchAsync(bob, Rooms.Job(bobJob));

        await host.PutOkAsync(alice, $"/api/tasks/{task1}/fee", new { fee = 12.5m });

        // Then one status change per task: a room's events arrive in commit order, so a duplicate
        // or misrouted fee event would show up in a room's sequence before its status changes.
        foreach (var task in new[] { task1, task2, task3 })
        {
            await host.PutOkAsync(alice, $"/api/tasks/{task}/status", new { status = "failed" });
        }

        await host.PutOkAsync(bob, $"/api/tasks/{bobTask}/status", new { status = "failed" });

        const string Fee = "TASK_FEE_UPDATED", Status = "TASK_STATUS_CHANGED";
        (await Sequence(jobRoom, 3)).ShouldBe([$"{Fee} task:{task1}", $"{Status} task:{task1}", $"{Status} task:{task2}"]);
        (await Sequence(taskRoom, 2)).ShouldBe([$"{Fee} task:{task1}", $"{Status} task:{task1}"]);
        (await Sequence(userRoom, 4)).ShouldBe([$"{Fee} task:{task1}", $"{Status} task:{task1}", $"{Status} task:{task2}", $"{Status} task:{task3}"]);
        (await Sequence(siblingTaskRoom, 1)).ShouldBe([$"{Status} task:{task2}"]);
        (await Sequence(otherJobRoom, 1)).ShouldBe([$"{Status} task:{task3}"]);
        (await Sequence(bobUserRoom, 1)).ShouldBe([$"{Status} task:{bobTask}"]);
        (await Sequence(bobJobRoom, 1)).ShouldBe([$"{Status} task:{bobTask}"]);
    }

    [Fact]
    public async Task The_fee_event_carries_the_documented_data_with_only_the_fee_in_changes()
    {
        await using var host = await TaskServiceHost.StartAsync();
        var alice = await host.CreateKeyAsync("alice");
        var job = await host.CreateJobAsync(alice);
        var task = await host.CreateTaskAsync(alice, job, fee: 1m);
        await using var jobRoom = await host.WatchAsync(alice, Rooms.Job(job));

        await host.PutOkAsync(alice, $"/api/tasks/{task}/fee", new { fee = 12.5m });

        var e = (await jobRoom.EventsAsync(1))[0];
        e.Str("channel").ShouldBe(Rooms.Job(job));
        e.Str("event").ShouldBe("TASK_FEE_UPDATED");
        e.Str("key").ShouldBe(Rooms.Task(task));
        e.Data().Names().ShouldBe(["changes", "job_id", "task_id", "timestamp", "user_id"]);
        e.Data().Long("task_id").ShouldBe(task);
        e.Data().Str("job_id").ShouldBe(job.ToString(CultureInfo.InvariantCulture));
        e.Data().Str("user_id").ShouldBe("alice");
        DateTimeOffset.Parse(e.Data().Str("timestamp"), CultureInfo.InvariantCulture).ShouldBeInRange(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
        e.Changes().Names().ShouldBe(["fee"]);
        e.Changes().GetProperty("fee").GetDecimal().ShouldBe(12.5m);
    }

    private static async Task<string[]> Sequence(TestClient client, int count) =>
        [.. (await client.EventsAsync(count)).Select(e => e.Describe())];
}
