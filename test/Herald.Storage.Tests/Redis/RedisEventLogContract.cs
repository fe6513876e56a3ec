using Herald.Log;
using Herald.Storage.Redis;
using Herald.Storage.Tests.Contract;
using Herald.Storage.Tests.Support;

namespace Herald.Storage.Tests.Redis;

[Collection(RedisCollection.Name)]
public sealed class RedisEventLogContract(RedisFixture redis) : EventLogContract
{
    private RedisConnections? _connections;

    protected override ValueTask<IEventLog> OpenAsync(TimeProvider time)
    {
        (var log, _connections) = RedisLogFactory.Open([redis.Server], time);
        return ValueTask.FromResult<IEventLog>(log);
    }

    public override async Task DisposeAsync()
    {
        if (_connections is not null)
        {
            await _connections.DisposeAsync();
        }
    }
}
