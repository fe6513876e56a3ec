using Herald.Storage.Tests.Support;

namespace Herald.Storage.Tests.Postgres;

/// <summary>
/// One cluster for all tests of a class (starting three processes costs seconds): started by
/// the first test that asks, on the collection's PostgreSQL (or Redis), killed when the class is done.
/// </summary>
public sealed class SharedCluster : IAsyncLifetime
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ClusterNodes? _cluster;

    public Task<ClusterNodes> GetAsync(PostgresServer server, string prefix) => GetAsync(() => ClusterNodes.StartAsync(server, prefix));

    public async Task<ClusterNodes> GetAsync(Func<Task<ClusterNodes>> start)
    {
        await _gate.WaitAsync();
        try
        {
            return _cluster ??= await start();
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        _gate.Dispose();
    }
}
