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

    protected override async Task<ClusterNodes> StartAsync()
    {
        _server = await RedisServer.StartAsync();
        return await RedisCluster.StartAsync([_server], "restart", count: 2);
    }

    protected override Task TakeStoreDownAsync() => _server.KillAsync();

    protected override Task BringStoreBackAsync() => _server.StartAgainAsync();

    protected override async Task DisposeStoreAsync() => await _server.DisposeAsync();
}
