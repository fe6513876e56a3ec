namespace Herald.Storage.Postgres;

/// <summary>Every <c>[LoggerMessage]</c> event id of Herald.Storage.Postgres, so an id is chosen once and read by name.</summary>
/// <remarks>
/// Herald.Storage.Postgres owns 600-699; each assembly has its own range (docs/operations.md, "Logging") so a log
/// query by id never matches two events. <c>EventIdTests</c> fails on an id outside the range,
/// an id used twice, or a <c>[LoggerMessage]</c> id missing here.
/// </remarks>
internal static class EventIds
{
    internal const int MinId = 600;
    internal const int MaxId = 699;

    // Schema
    internal const int PostgresMigrated = 600;

    // Log
    internal const int PostgresAppendFailed = 610;

    // Bus
    internal const int PostgresListenLost = 620;
    internal const int PostgresListenBack = 621;
    internal const int PostgresReadBackFailed = 622;
    internal const int PostgresReadBackGap = 630;

    // Cluster
    internal const int PeerJoined = 640;
    internal const int PeerGone = 641;
    internal const int HeartbeatFailed = 642;

    // Maintenance
    internal const int PostgresSweepFailed = 650;
}
