namespace Herald.Storage.Sqlite;

/// <summary>Every <c>[LoggerMessage]</c> event id of Herald.Storage.Sqlite, so an id is chosen once and read by name.</summary>
/// <remarks>
/// Herald.Storage.Sqlite owns 500-599; each assembly has its own range (docs/operations.md, "Logging") so a log
/// query by id never matches two events. <c>EventIdTests</c> fails on an id outside the range,
/// an id used twice, or a <c>[LoggerMessage]</c> id missing here.
/// </remarks>
internal static class EventIds
{
    internal const int MinId = 500;
    internal const int MaxId = 599;

    // Log
    internal const int SqliteOpened = 500;
    internal const int SqliteAppendFailed = 501;
    internal const int SqliteUnhealthy = 502;
}
