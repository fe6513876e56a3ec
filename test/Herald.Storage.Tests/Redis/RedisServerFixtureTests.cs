namespace Herald.Storage.Tests.Redis;

/// <summary>The fixture is what the Redis drills stand on: its durability settings are the ones docs/operations.md asks for.</summary>
public sealed class RedisServerFixtureTests
{
    [Fact]
    public async Task A_write_survives_kill_9_and_a_restart_on_the_same_port_because_the_append_only_file_is_synced()
    {
        await using var server = await RedisServer.StartAsync();
        (await server.CommandAsync("CONFIG", "GET", "appendonly")).ShouldBe("appendonly\nyes");
        (await server.CommandAsync("CONFIG", "GET", "appendfsync")).ShouldBe("appendfsync\nalways");

        (await server.CommandAsync("SET", "k", "v")).ShouldBe("OK");
        await server.KillAsync();
        server.Running.ShouldBeFalse();
        await server.StartAgainAsync();

        (await server.CommandAsync("GET", "k")).ShouldBe("v");
    }
}
