using Herald.Storage.Tests.Postgres;
using Herald.Storage.Tests.Support;

namespace Herald.Storage.Tests.Redis;

/// <summary>
/// Redis killed (kill -9, no shutdown save) and started again on its data under running nodes: with
/// <c>appendfsync always</c> every acknowledged event is in the append-only file. Its own server, since it is killed.
/// </summary>
public sealed class RedisRestartTests : StoreRestartDrill
{
    private RedisServer _server = null!;

    // The client reconnects on its own beat (every 250 ms) or when a failed publish asks it to: up
    // to half a second of the drill's publishes may fail after Redis answers again, not a string of them.
    protected override int FailuresWhileReconnecting => 25;

    protected override async Task<ClusterNodes> StartAsync()
    {
        _server = await RedisServer.StartAsync();
        return await RedisCluster.StartAsync([_server], "restart", count: 2);
    }

    protected override Task TakeStoreDownAsync() => _server.KillAsync();

    protected override Task BringStoreBackAsync() => _server.StartAgainAsync();

    protected override async Task DisposeStoreAsync() => await _server.DisposeAsync();
}
