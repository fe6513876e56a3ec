namespace Herald;

/// <summary>Herald.Core logs with ids 100-399 only; the ranges are in docs/operations.md (Logging), checked by EventIdTests.</summary>
internal static class EventIds
{
    internal const int MinId = 100;
    internal const int MaxId = 399;

    // Sources: the publish pipeline
    internal const int AppendFailed = 100;
    internal const int PublishTimedOut = 101;

    // Hub: dispatch to sessions
    internal const int DispatchFailed = 200;
    internal const int DispatchBatchFailed = 201;

    // Sessions
    internal const int ClosedByServer = 300;
    internal const int SessionFaulted = 301;
    internal const int HistoryReadFailed = 302;
}
