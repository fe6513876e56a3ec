using Microsoft.Extensions.Options;

namespace Herald.Api.Tests.Mounts;

/// <summary>The standalone server's <c>Herald:Mounts</c>: a built-in wire format per mount, by name.</summary>
public sealed class ConfiguredMountTests
{
    [Fact]
    public async Task A_configured_mount_speaks_its_format_while_ws_stays_protocol_v1()
    {
        await using var server = await HeraldTestServer.StartAsync(new()
        {
            ["Herald:Mounts:0:Path"] = "/api/ws/tasks",
            ["Herald:Mounts:0:Format"] = "task-service",
        });
        await using var tasks = await server.ConnectAsync(server.Token("alice"), "/api/ws/tasks");
        await using var v1 = await server.ConnectWelcomedAsync(server.Token("alice"));

        await tasks.SendAsync(new { type = "SUBSCRIBE", data = new { room = "public:jobs", job_id = "1" } });
        (await tasks.NextOfTypeAsync("SUBSCRIBED")).GetProperty("data").Str("room").ShouldBe("public:jobs");
        await server.PublishAsync("public:jobs", "TASK_CREATED", new { task_id = 1 });
        var created = await tasks.NextOfTypeAsync("TASK_CREATED");

        created.GetProperty("data").GetProperty("task_id").GetInt32().ShouldBe(1);
        await v1.SendAsync(new { type = "subscribe", id = 1, channel = "public:jobs" });
        (await v1.NextOfTypeAsync("subscribed")).GetProperty("id").GetInt32().ShouldBe(1);
    }

    [Theory]
    [InlineData("Path", "ws/tasks", "Herald:Mounts:0:Path must be a path such as /api/ws/tasks, not 'ws/tasks'.")]
    [InlineData("Format", "task-servce", "Herald:Mounts:0:Format must be one of herald-v1, task-service")]
    public async Task A_bad_mount_fails_start_up_naming_the_key(string field, string value, string message)
    {
        var settings = new Dictionary<string, string?> { ["Herald:Mounts:0:Path"] = "/api/ws/tasks", ["Herald:Mounts:0:Format"] = "task-service" };
        settings["Herald:Mounts:0:" + field] = value;

        var failure = await Should.ThrowAsync<OptionsValidationException>(async () =>
        {
            await using var server = await HeraldTestServer.StartAsync(settings);
        });

        failure.Message.ShouldContain(message);
    }
}
