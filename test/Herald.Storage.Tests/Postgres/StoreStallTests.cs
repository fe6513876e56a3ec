using Herald.Storage.Tests.Support;
using Npgsql;

namespace Herald.Storage.Tests.Postgres;

/// <summary>A node whose PostgreSQL goes silent without a reset (a hung middlebox).</summary>
[Collection(PostgresCollection.Name)]
public sealed class StoreStallTests(PostgresFixture postgres) : StoreStallDrill
{
    private string _direct = "";

    protected override async Task<Uri> StoreAsync()
    {
        _direct = await postgres.Server.CreateDatabaseAsync("stall");
        return new Uri($"tcp://127.0.0.1:{postgres.Server.Port}");
    }

    protected override HeraldNode StartNode(string nodeId, int? relayPort, IDictionary<string, string> settings) =>
        HeraldNode.Start(nodeId, relayPort is { } port ? new NpgsqlConnectionStringBuilder(_direct) { Port = port }.ConnectionString : _direct, settings);
}
