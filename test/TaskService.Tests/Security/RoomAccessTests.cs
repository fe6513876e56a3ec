using TaskService.Realtime;
using TaskService.Tests.Support;

namespace TaskService.Tests.Security;

public sealed class RoomAccessTests
{
    [Fact]
    public async Task User_B_is_denied_user_As_job_task_and_user_rooms_and_hears_nothing_of_them()
    {
        await using var host = await TaskServiceHost.StartAsync();
        var alice = await host.CreateKeyAsync("alice");
        var bob = await host.CreateKeyAsync("bob");
        var aliceJob = await host.CreateJobAsync(alice);
        var aliceTask = await host.CreateTaskAsync(alice, aliceJob);
        var bobJob = await host.CreateJobAsync(bob);
        var bobTask = await host.CreateTaskAsync(bob, bobJob);

        await using var bobClient = await host.ConnectWelcomedAsync(bob, useHeader: true);
        foreach (var room in new[] { Rooms.Job(aliceJob), Rooms.Task(aliceTask), Rooms.User("alice") })
        {
            var reply = await bobClient.SubscribeAsync(room);
            reply.Type().ShouldBe("error", reply.GetRawText());
            reply.Str("code").ShouldBe("ACCESS_DENIED");
        }

        // The same connection may join its own rooms, and alice hers.
        (await bobClient.SubscribeAsync(Rooms.Job(bobJob))).Type().ShouldBe("subscribed");
        await using var aliceClient = await host.WatchAsync(alice, Rooms.Job(aliceJob));
        (await aliceClient.SubscribeAsync(Rooms.Task(aliceTask))).Type().ShouldBe("subscribed");
        (await aliceClient.SubscribeAsync(Rooms.User("alice"))).Type().ShouldBe("subscribed");

        // Alice's change, then bob's: bob's connection sees only his own.
        await host.PutOkAsync(alice, $"/api/tasks/{aliceTask}/fee", new { fee = 3m });
        await host.PutOkAsync(bob, $"/api/tasks/{bobTask}/fee", new { fee = 4m });
        (await bobClient.EventsAsync(1))[0].Describe().ShouldBe($"TASK_FEE_UPDATED task:{bobTask}");
        (await aliceClient.EventsAsync(3)).Select(e => e.Str("channel")).Order(StringComparer.Ordinal)
            .ShouldBe([Rooms.Job(aliceJob), Rooms.Task(aliceTask), Rooms.User("alice")]);
    }

    [Theory]
    [InlineData("job:abc def", "INVALID_CHANNEL")] // not a channel name
    [InlineData("task:1/2", "INVALID_CHANNEL")]
    [InlineData("room:1", "INVALID_CHANNEL")] // no such kind of room
    [InlineData("job:", "ACCESS_DENIED")] // names no job, so no one owns it (README)
    [InlineData("job:abc", "ACCESS_DENIED")]
    [InlineData("task:-1", "ACCESS_DENIED")]
    [InlineData("task:999999", "ACCESS_DENIED")] // does not exist
    [InlineData("user:", "ACCESS_DENIED")]
    public async Task Malformed_and_unowned_rooms_are_refused(string room, string code)
    {
        await using var host = await TaskServiceHost.StartAsync();
        var alice = await host.CreateKeyAsync("alice");
        await host.CreateTaskAsync(alice, await host.CreateJobAsync(alice));
        await using var client = await host.ConnectWelcomedAsync(alice);

        var reply = await client.SubscribeAsync(room);

        reply.Type().ShouldBe("error", reply.GetRawText());
        reply.Str("code").ShouldBe(code);
    }
}
