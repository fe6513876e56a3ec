namespace Herald.Storage.Postgres.Bus;

/// <summary>
/// The NOTIFY payload: one or more sections, each one channel's consecutive offsets of one commit,
/// <c>@epoch first count carried ts channel</c> followed, when carried is 1, by the events themselves.
/// Strings and data are length-prefixed (<c>len:bytes</c>, lengths in UTF-8 bytes), so any channel,
/// key or JSON fits. The appender builds everything after <c>first</c>; PostgreSQL prepends
/// <c>@epoch first</c> inside the commit, from the stream row the transaction holds locked, so the
/// client needs no round trip to learn its offsets before it can notify. An event that does not fit
/// the 8000-byte payload (data may be 64 KiB) is announced without its body and read back.
/// </summary>
internal static class Announcement
{
    /// <summary>PostgreSQL refuses payloads of 8000 bytes or more; this leaves room for the prefixes.</summary>
    public const int MaxPayload = 7900;

    /// <summary>What PostgreSQL prepends to a section: '@', a 16-character epoch, ' ', up to 19 digits, ' ' (with room to spare).</summary>
    public const int PrefixAllowance = 64;

    public const byte SectionMark = (byte)'@';

    public const byte Plain = (byte)'n';

    public const byte Keyed = (byte)'k';

    public const byte Tombstone = (byte)'t';
}
