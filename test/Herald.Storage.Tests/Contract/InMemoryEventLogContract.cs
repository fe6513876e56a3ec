using Herald.Log;
using Herald.Log.Memory;

namespace Herald.Storage.Tests.Contract;

public sealed class InMemoryEventLogContract : EventLogContract
{
    protected override ValueTask<IEventLog> OpenAsync(TimeProvider time) => ValueTask.FromResult<IEventLog>(new InMemoryEventLog(time));
}
