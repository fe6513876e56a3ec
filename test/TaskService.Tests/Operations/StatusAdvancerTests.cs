using System.Net.Http.Json;
using System.Text.Json;
using TaskService.Realtime;
using TaskService.Tests.Support;

namespace TaskService.Tests.Operations;

public sealed class StatusAdvancerTests
{
    [Fact]
    public async Task The_background_jobs_status_changes_arrive_in_the_rooms_like_any_other_change()
    {
        await using var host = await TaskServiceHost.StartAsync(new()
        {
            ["TaskService:StatusAdvancer:Enabled"] = "true",
            ["TaskService:StatusAdvancer:Interval"] = "00:00:00.050",
        });
        var alice = await host.CreateKeyAsync("alice");
        var job = await host.CreateJobAsync(alice);
        await using var jobRoom = await host.WatchAsync(alice, Rooms.Job(job));
        await using var userRoom = await host.WatchAsync(alice, Rooms.User("alice"));

        var task = await host.CreateTaskAsync(alice, job);

        foreach (var room in new[] { jobRoom, userRoom })
        {
            var events = await room.EventsAsync(3);
            events.Select(e => e.Describe()).ShouldBe([$"TASK_CREATED task:{task}", $"TASK_STATUS_CHANGED task:{task}", $"TASK_STATUS_CHANGED task:{task}"]);
            events[0].Changes().GetProperty("status").GetString().ShouldBe("pending");
            events[1].Changes().Names().ShouldBe(["status"]);
            events[1].Changes().GetProperty("status").GetString().ShouldBe("processing");
            events[2].Changes().GetProperty("status").GetString().ShouldBe("completed");
        }

        using var response = await host.SendAsync(HttpMethod.Get, $"/api/tasks/{task}", alice);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).Str("status").ShouldBe("completed");
    }
}
