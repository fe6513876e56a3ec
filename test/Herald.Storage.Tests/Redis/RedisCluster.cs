using Herald.Storage.Tests.Postgres;

namespace Herald.Storage.Tests.Redis;

/// <summary>Herald nodes (child processes) on the given Redis instances, under a key prefix of their own.</summary>
internal static class RedisCluster
{
    public static Task<ClusterNodes> StartAsync(IReadOnlyList<RedisServer> servers, string name, int count = 3) =>
        StartAsync([.. servers.Select(s => s.ConnectionString)], RedisServer.NewPrefix(name), name, count);

    public static Task<ClusterNodes> StartAsync(IReadOnlyList<string> instances, string prefix, string name, int count = 3) =>
        ClusterNodes.StartAsync(count, i => HeraldNode.StartOnRedis($"{name}-{(char)('a' + i)}", instances, prefix));
}
