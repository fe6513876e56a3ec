using Herald.Log;

namespace Herald.Protocol;

/// <summary>Protocol v1's <c>event</c> message for a log entry: encoded once per publish, cached on the entry.</summary>
internal static class EventEncoding
{
    private static readonly Func<LogEntry, byte[]> Encode = ServerMessageWriter.EncodeEvent;

    public static byte[] V1(LogEntry entry) => entry.EncodedWith(Encode);
}
