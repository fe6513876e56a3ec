using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Herald.Log;

namespace Herald.Storage.Postgres.Bus;

/// <summary>Parses a notification (format in <see cref="Announcement"/>) into its sections.</summary>
internal static class AnnouncementReader
{
    /// <summary>Adds the payload's sections to <paramref name="into"/>; false when it is malformed (nothing is added then).</summary>
    public static bool TryDecode(string payload, List<Announced> into)
    {
        if (payload.Length == 0 || payload[0] != (char)Announcement.SectionMark)
        {
            return TryDecodeRanges(payload, into);
        }

        var bytes = Encoding.UTF8.GetBytes(payload);
        var sections = new List<Announced>();
        var p = 0;
        try
        {
            while (p < bytes.Length)
            {
                sections.Add(Section(bytes, ref p));
            }
        }
        catch (FormatException)
        {
            return false;
        }

        into.AddRange(sections);
        return true;
    }

    private static Announced Section(byte[] bytes, ref int p)
    {
        Expect(bytes, ref p, Announcement.SectionMark);
        var epoch = Encoding.ASCII.GetString(Until(bytes, ref p, (byte)' '));
        var first = Number(Until(bytes, ref p, (byte)' '));
        var count = Number(Until(bytes, ref p, (byte)' '));
        var carried = Until(bytes, ref p, (byte)' ') is [(byte)'1'];
        var timestamp = DateTimeOffset.FromUnixTimeMilliseconds(Number(Until(bytes, ref p, (byte)' ')));
        var channel = Text(bytes, ref p);
        if (count < 1)
        {
            throw new FormatException("A section announces at least one event.");
        }

        if (!carried)
        {
            return new Announced(channel, first, first + count - 1, null);
        }

        var events = new List<LogEntry>((int)Math.Min(count, 1024));
        for (var i = 0; i < count; i++)
        {
            var flag = Byte(bytes, ref p);
            var name = Text(bytes, ref p);
            var key = flag == Announcement.Plain ? null : Text(bytes, ref p);
            var length = (int)Number(Until(bytes, ref p, (byte)':'));
            if (length < 0 || p + length > bytes.Length)
            {
                throw new FormatException("Event data runs past the payload.");
            }

            events.Add(new LogEntry
            {
                Channel = channel,
                Epoch = epoch,
                Offset = first + i,
                Event = name,
                Key = key,
                Data = bytes.AsMemory(p, length),
                Timestamp = timestamp,
                Tombstone = flag == Announcement.Tombstone,
            });
            p += length;
        }

        return new Announced(channel, first, first + count - 1, events);
    }

    /// <summary>A node of the previous release announces <c>first last channel</c> lines: ranges to read back.</summary>
    private static bool TryDecodeRanges(string payload, List<Announced> into)
    {
        foreach (var line in payload.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(' ', 3);
            if (parts.Length == 3
                && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var first)
                && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var last)
                && first <= last)
            {
                into.Add(new Announced(parts[2], first, last, null));
            }
        }

        return true;
    }

    private static string Text(byte[] bytes, ref int p)
    {
        var length = (int)Number(Until(bytes, ref p, (byte)':'));
        if (length < 0 || p + length > bytes.Length)
        {
            throw new FormatException("A string runs past the payload.");
        }

        var text = Encoding.UTF8.GetString(bytes, p, length);
        p += length;
        return text;
    }

    private static ReadOnlySpan<byte> Until(byte[] bytes, ref int p, byte end)
    {
        var rest = bytes.AsSpan(p);
        var at = rest.IndexOf(end);
        if (at < 0)
        {
            throw new FormatException("A field is not terminated.");
        }

        p += at + 1;
        return rest[..at];
    }

    private static long Number(ReadOnlySpan<byte> digits) =>
        Utf8Parser.TryParse(digits, out long value, out var consumed) && consumed == digits.Length && consumed > 0
            ? value
            : throw new FormatException("Not a number.");

    private static byte Byte(byte[] bytes, ref int p) => p < bytes.Length ? bytes[p++] : throw new FormatException("The payload ends early.");

    private static void Expect(byte[] bytes, ref int p, byte expected)
    {
        if (Byte(bytes, ref p) != expected)
        {
            throw new FormatException("A section does not start with '@'.");
        }
    }
}
