namespace Herald.Storage.Postgres;

/// <summary>Herald.Storage.Postgres logs with ids 600-699 only; the ranges are in docs/operations.md (Logging), checked by EventIdTests.</summary>
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
    internal const int PostgresNotificationUnreadable = 623;
    internal const int PostgresReadBackGap = 630;

    // Cluster
    internal const int PeerJoined = 640;
    internal const int PeerGone = 641;
    internal const int HeartbeatFailed = 642;

    // Maintenance
    internal const int PostgresSweepFailed = 650;
}
