namespace Herald;

/// <summary>Every <c>[LoggerMessage]</c> event id of Herald.Core, so an id is chosen once and read by name.</summary>
/// <remarks>
/// Herald.Core owns 100-399; each assembly has its own range (docs/operations.md, "Logging") so a log
/// query by id never matches two events. <c>EventIdTests</c> fails on an id outside the range,
/// an id used twice, or a <c>[LoggerMessage]</c> id missing here.
/// </remarks>
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
