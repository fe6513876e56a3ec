namespace Herald.EntityFrameworkCore;

/// <summary>Every <c>[LoggerMessage]</c> event id of Herald.EntityFrameworkCore, so an id is chosen once and read by name.</summary>
/// <remarks>
/// Herald.EntityFrameworkCore owns 700-799; each assembly has its own range (docs/operations.md, "Logging") so a log
/// query by id never matches two events. <c>EventIdTests</c> fails on an id outside the range,
/// an id used twice, or a <c>[LoggerMessage]</c> id missing here.
/// </remarks>
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
