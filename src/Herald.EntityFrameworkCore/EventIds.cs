namespace Herald.EntityFrameworkCore;

/// <summary>Herald.EntityFrameworkCore logs with ids 700-799 only; the ranges are in docs/operations.md (Logging), checked by EventIdTests.</summary>
internal static class EventIds
{
    internal const int MinId = 700;
    internal const int MaxId = 799;

    // Relay
    internal const int RelayFailed = 700;
    internal const int EventRejected = 701;
    internal const int Relayed = 702;
    internal const int RelayRecovered = 703;

    // Relay: the PostgreSQL wake-up listener
    internal const int ListenFailed = 710;
}
