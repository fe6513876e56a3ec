using Herald.Storage.Tests.Contract;
using Herald.Storage.Tests.Support;

namespace Herald.Storage.Tests.Postgres;

/// <summary>Tickets and API keys live in PostgreSQL, so single use and revocation hold across nodes.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ClusterCredentialsTests(PostgresFixture postgres) : ClusterCredentialsContract
{
    protected override async ValueTask<Dictionary<string, string?>> NodeSettingsAsync(string store, string nodeId) => new()
    {
        ["Herald:Store"] = "postgres",
        ["Herald:Postgres:ConnectionString"] = await postgres.Server.CreateDatabaseAsync("creds"),
        ["Herald:NodeId"] = nodeId,
    };
}
