using Herald.Storage.Tests.Support;

namespace Herald.Storage.Tests.Postgres;

/// <summary>kill -9 of a node while its clients are subscribed and publishers keep going.</summary>
[Collection(PostgresCollection.Name)]
public sealed class FailoverTests(PostgresFixture postgres) : FailoverDrill
{
    protected override Task<ClusterNodes> StartClusterAsync() => ClusterNodes.StartAsync(postgres.Server, "failover");
}
