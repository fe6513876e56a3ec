using Herald.Storage.Tests.Postgres;
using Herald.Storage.Tests.Support;

namespace Herald.Storage.Tests.Redis;

/// <summary>kill -9 of a node on Redis while its clients are subscribed and publishers keep going.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisFailoverTests(RedisFixture redis) : FailoverDrill
{
    protected override Task<ClusterNodes> StartClusterAsync() => RedisCluster.StartAsync([redis.Server], "failover");
}
