using Herald.Storage.Tests.Support;

namespace Herald.Storage.Tests.Postgres;

/// <summary>PostgreSQL stopped and started again under running nodes: its own server, since it is stopped.</summary>
public sealed class PostgresRestartTests : StoreRestartDrill
{
    private PostgresServer _server = null!;

    protected override async Task<ClusterNodes> StartAsync()
    {
        _server = await PostgresServer.StartAsync();
        return await ClusterNodes.StartAsync(_server, "restart", count: 2);
    }

    protected override Task TakeStoreDownAsync() => _server.StopAsync();

    protected override Task BringStoreBackAsync() => _server.StartAgainAsync();

    protected override async Task DisposeStoreAsync() => await _server.DisposeAsync();
}
