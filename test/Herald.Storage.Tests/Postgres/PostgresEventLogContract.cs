using Herald.Log;
using Herald.Storage.Postgres;
using Herald.Storage.Tests.Contract;
using Herald.Storage.Tests.Support;

namespace Herald.Storage.Tests.Postgres;

[Collection(PostgresCollection.Name)]
public sealed class PostgresEventLogContract(PostgresFixture postgres) : EventLogContract
{
    private PostgresDatabase? _database;

    protected override async ValueTask<IEventLog> OpenAsync(TimeProvider time)
    {
        (var log, _database) = PostgresLogFactory.Open(await postgres.Server.CreateDatabaseAsync("contract"), time);
        return log;
    }

    public override async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
