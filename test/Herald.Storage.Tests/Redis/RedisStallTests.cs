using Herald.Storage.Tests.Support;

namespace Herald.Storage.Tests.Redis;

/// <summary>A node whose Redis goes silent without a reset (a hung middlebox).</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisStallTests(RedisFixture redis) : StoreStallDrill
{
    private readonly string _prefix = RedisServer.NewPrefix("stall");

    protected override Task<Uri> StoreAsync() => Task.FromResult(redis.Server.Uri);

    protected override HeraldNode StartNode(string nodeId, int? relayPort, IDictionary<string, string> settings) =>
        HeraldNode.StartOnRedis(nodeId, [relayPort is { } port ? $"127.0.0.1:{port}" : redis.Server.ConnectionString], _prefix, settings);
}
