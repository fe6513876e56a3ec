using Herald.Log;
using Herald.Storage.Tests.Contract;

namespace Herald.Storage.Tests.Sqlite;

public sealed class SqliteEventLogContract : EventLogContract
{
    private readonly SqliteLogFactory _files = new();
    private Herald.Storage.Sqlite.Log.SqliteEventLog? _log;

    protected override ValueTask<IEventLog> OpenAsync(TimeProvider time) => ValueTask.FromResult<IEventLog>(_log = _files.Open(time));

    public override Task DisposeAsync()
    {
        _log?.Dispose();
        _files.Dispose();
        return Task.CompletedTask;
    }
}
