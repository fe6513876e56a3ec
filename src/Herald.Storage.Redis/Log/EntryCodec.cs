using System.Buffers.Binary;
using System.Text;
using Herald.Log;

namespace Herald.Storage.Redis.Log;

/// <summary>
/// An event as Redis keeps it, in the stream and in the latest-per-key hash: one opaque value the
/// append script stores without looking inside, so the script stays small and the data is never
/// re-encoded. Channel, epoch and offset are not in it: they are where it is stored.
/// Layout: version (1), flags (1: key, 2: tombstone), timestamp in Unix ms (8, little endian),
/// event name length (4) and UTF-8 bytes, key length (4) and UTF-8 bytes, then the data to the end.
/// </summary>
internal static class EntryCodec
{
    private const byte Version = 1;
    private const int Header = 1 + 1 + 8 + 4 + 4;

    public static byte[] Encode(AppendRequest request, long timestampMs)
    {
        var nameLength = Encoding.UTF8.GetByteCount(request.Event);
        var keyLength = request.Key is null ? 0 : Encoding.UTF8.GetByteCount(request.Key);
        var value = new byte[Header + nameLength + keyLength + request.Data.Length];
        var span = value.AsSpan();
        span[0] = Version;
        span[1] = (byte)((request.Key is null ? 0 : 1) | (request.Tombstone ? 2 : 0));
        BinaryPrimitives.WriteInt64LittleEndian(span[2..], timestampMs);
        BinaryPrimitives.WriteInt32LittleEndian(span[10..], nameLength);
        Encoding.UTF8.GetBytes(request.Event, span[14..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[(14 + nameLength)..], keyLength);
        if (request.Key is not null)
        {
            Encoding.UTF8.GetBytes(request.Key, span[(18 + nameLength)..]);
        }

        request.Data.Span.CopyTo(span[(Header + nameLength + keyLength)..]);
        return value;
    }

    public static LogEntry Decode(string channel, string epoch, long offset, byte[] value)
    {
        var span = value.AsSpan();
        if (value.Length < Header || span[0] != Version)
        {
            throw new InvalidDataException($"An event of '{channel}' at offset {offset} is not in a format this Herald reads.");
        }

        var flags = span[1];
        var nameLength = BinaryPrimitives.ReadInt32LittleEndian(span[10..]);
        var keyLength = BinaryPrimitives.ReadInt32LittleEndian(span[(14 + nameLength)..]);
        var dataStart = Header + nameLength + keyLength;
        return new LogEntry
        {
            Channel = channel,
            Epoch = epoch,
            Offset = offset,
            Event = Encoding.UTF8.GetString(span.Slice(14, nameLength)),
            Key = (flags & 1) != 0 ? Encoding.UTF8.GetString(span.Slice(18 + nameLength, keyLength)) : null,
            Data = value.AsMemory(dataStart),
            Timestamp = DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64LittleEndian(span[2..])),
            Tombstone = (flags & 2) != 0,
        };
    }
}
