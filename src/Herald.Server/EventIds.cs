namespace Herald.Server;

/// <summary>Herald.Server logs with ids 1-99 only; the ranges are in docs/operations.md (Logging), checked by EventIdTests.</summary>
internal static class EventIds
{
    internal const int MinId = 1;
    internal const int MaxId = 99;

    // HeraldServerApp
    internal const int Listening = 1;
    internal const int SecretGenerated = 2;
}
