namespace Herald.Storage.Sqlite;

/// <summary>Herald.Storage.Sqlite logs with ids 500-599 only; the ranges are in docs/operations.md (Logging), checked by EventIdTests.</summary>
internal static class EventIds
{
    internal const int MinId = 500;
    internal const int MaxId = 599;

    // Log
    internal const int SqliteOpened = 500;
    internal const int SqliteAppendFailed = 501;
    internal const int SqliteUnhealthy = 502;
}
