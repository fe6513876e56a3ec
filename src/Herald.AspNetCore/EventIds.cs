namespace Herald.AspNetCore;

/// <summary>Herald.AspNetCore logs with ids 400-499 only; the ranges are in docs/operations.md (Logging), checked by EventIdTests.</summary>
internal static class EventIds
{
    internal const int MinId = 400;
    internal const int MaxId = 499;

    // Hosting
    internal const int Draining = 400;
    internal const int DrainTimedOut = 401;
    internal const int KeyRevoked = 410;
    internal const int KeyCheckFailed = 411;

    // Health
    internal const int BusStalled = 420;
    internal const int BusRecovered = 421;

    // Http
    internal const int HistoryReadFailed = 430;
    internal const int ApiRequestFailed = 431;

    // Authentication
    internal const int JwtRejected = 440;

    // Hosting: startup advice
    internal const int NoCredential = 450;
    internal const int NoNamespace = 451;

    // Cluster
    internal const int ClusterPublishFailed = 460;

    // Transport
    internal const int LeanHandshakeFailed = 470;
}
