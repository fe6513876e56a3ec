namespace Herald.Server;

/// <summary>Every <c>[LoggerMessage]</c> event id of Herald.Server, so an id is chosen once and read by name.</summary>
/// <remarks>
/// Herald.Server owns 1-99; each assembly has its own range (docs/operations.md, "Logging") so a log
/// query by id never matches two events. <c>EventIdTests</c> fails on an id outside the range,
/// an id used twice, or a <c>[LoggerMessage]</c> id missing here.
/// </remarks>
internal static class EventIds
{
    internal const int MinId = 1;
    internal const int MaxId = 99;

    // HeraldServerApp
    internal const int Listening = 1;
    internal const int SecretGenerated = 2;
}
