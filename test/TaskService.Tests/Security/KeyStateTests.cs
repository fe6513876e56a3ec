using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TaskService.Data;
using TaskService.Realtime;
using TaskService.Tests.Support;

namespace TaskService.Tests.Security;

public sealed class KeyStateTests
{
    [Fact]
    public async Task An_inactive_key_is_refused_with_INVALID_CREDENTIALS_on_the_socket_and_the_API()
    {
        await using var host = await TaskServiceHost.StartAsync();
        var key = await host.CreateKeyAsync("alice");
        await SetActiveAsync(host, key, active: false);

        await using var client = await host.ConnectAsync(key);
        var error = await client.NextAsync();
        error.Type().ShouldBe("error", error.GetRawText());
        error.Str("code").ShouldBe("INVALID_CREDENTIALS");
        (await client.WaitClosedAsync()).Code.ShouldBe(4001);

        using var response = await host.SendAsync(HttpMethod.Post, "/api/jobs", key, new { name = "x" });
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).ShouldContain("\"code\":\"INVALID_CREDENTIALS\"");
    }

    [Fact]
    public async Task Unknown_and_missing_keys_are_refused()
    {
        await using var host = await TaskServiceHost.StartAsync();

        await using var unknown = await host.ConnectAsync(new TestKey("k_000000000000", "hk_000000000000_nope", "nobody"));
        (await unknown.NextAsync()).Str("code").ShouldBe("INVALID_CREDENTIALS");
        await using var missing = await TestClient.ConnectAsync(host.WebSocketUri());
        (await missing.NextAsync()).Str("code").ShouldBe("MISSING_CREDENTIALS");

        using var response = await host.SendAsync(HttpMethod.Post, "/api/jobs", key: null, new { name = "x" });
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).ShouldContain("\"code\":\"MISSING_CREDENTIALS\"");
    }

    [Fact]
    public async Task A_key_deactivated_in_the_database_has_its_connections_closed_and_others_keep_working()
    {
        await using var host = await TaskServiceHost.StartAsync();
        var doomed = await host.CreateKeyAsync("alice");
        var spare = await host.CreateKeyAsync("alice");
        var task = await host.CreateTaskAsync(spare, await host.CreateJobAsync(spare));
        await using var closing = await host.WatchAsync(doomed, Rooms.User("alice"));
        await using var staying = await host.WatchAsync(spare, Rooms.User("alice"));

        // As an operator would: flip the flag in the table, behind the service's back.
        await SetActiveAsync(host, doomed, active: false);

        (await closing.WaitClosedAsync(TimeSpan.FromSeconds(10))).Code.ShouldBe(4001);
        await host.PutOkAsync(spare, $"/api/tasks/{task}/fee", new { fee = 9m });
        (await staying.EventsAsync(1))[0].Describe().ShouldBe($"TASK_FEE_UPDATED task:{task}");
    }

    [Fact]
    public async Task A_keys_use_is_recorded_in_the_database()
    {
        await using var host = await TaskServiceHost.StartAsync();
        var key = await host.CreateKeyAsync("alice");
        (await LastUsedAsync(host, key)).ShouldBeNull();

        await using var client = await host.ConnectWelcomedAsync(key);

        (await LastUsedAsync(host, key)).ShouldNotBeNull();
    }

    private static async Task SetActiveAsync(TaskServiceHost host, TestKey key, bool active)
    {
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<TaskDbContext>>().CreateDbContextAsync();
        var updated = await db.ApiKeys.Where(k => k.Id == key.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.IsActive, active));
        updated.ShouldBe(1);
    }

    private static async Task<DateTimeOffset?> LastUsedAsync(TaskServiceHost host, TestKey key)
    {
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<TaskDbContext>>().CreateDbContextAsync();
        return (await db.ApiKeys.AsNoTracking().SingleAsync(k => k.Id == key.Id)).LastUsedAt;
    }
}
