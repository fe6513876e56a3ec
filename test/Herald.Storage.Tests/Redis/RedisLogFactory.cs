using Herald.Storage.Redis;
using Herald.Storage.Redis.Bus;
using Herald.Storage.Redis.Log;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Herald.Storage.Tests.Redis;

/// <summary>Log instances on fresh key prefixes of the given servers (one shard each), each with its own connections: one per simulated node.</summary>
internal static class RedisLogFactory
{
    public static (RedisEventLog Log, RedisConnections Connections) Open(IReadOnlyList<RedisServer> servers, TimeProvider? time = null, string? prefix = null)
    {
        var options = new RedisOptions { ConnectionStrings = [.. servers.Select(s => s.ConnectionString)], KeyPrefix = prefix ?? RedisServer.NewPrefix("log") };
        var connections = new RedisConnections(Options.Create(options), NullLogger<RedisConnections>.Instance);
        var log = new RedisEventLog(connections, new DeliveryCursors(), time ?? TimeProvider.System, NullLogger<RedisEventLog>.Instance);
        return (log, connections);
    }
}
