namespace Herald.Storage.Redis;

/// <summary>Herald.Storage.Redis logs with ids 900-999 only; the ranges are in docs/operations.md (Logging), checked by EventIdTests.</summary>
internal static class EventIds
{
    internal const int MinId = 900;
    internal const int MaxId = 999;

    // Connections
    internal const int RedisConnectionLost = 900;
    internal const int RedisConnectionBack = 901;
    internal const int RedisStalled = 902;
    internal const int RedisConnectHung = 903;

    // Log
    internal const int RedisAppendFailed = 910;

    // Bus
    internal const int RedisSubscriptionLost = 920;
    internal const int RedisSubscriptionBack = 921;
    internal const int RedisReadBackFailed = 922;
    internal const int RedisReadBackGap = 930;

    // 940-989: shared state (keys, tickets, membership, rate limits).
    internal const int RedisPeerJoined = 940;
    internal const int RedisPeerGone = 941;
    internal const int RedisHeartbeatFailed = 942;
    internal const int RedisLimiterUnreachable = 950;
    internal const int RedisLimiterBack = 951;
}
