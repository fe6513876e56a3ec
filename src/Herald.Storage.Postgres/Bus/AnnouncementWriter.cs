using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Unicode;
using Herald.Log;

namespace Herald.Storage.Postgres.Bus;

/// <summary>
/// Builds one commit's notifications (format in <see cref="Announcement"/>): per channel, runs of
/// events that fit a payload are carried, an event that does not is announced alone, without its
/// body. Sections are packed into as few notifications as fit; each section names how far its first
/// event is from the channel's last offset of the commit (<c>back</c>), which PostgreSQL turns into
/// the offset.
/// </summary>
internal sealed class AnnouncementWriter
{
    private const int Budget = Announcement.MaxPayload - Announcement.PrefixAllowance;

    private readonly ArrayBufferWriter<byte> _section = new(1024);
    private readonly List<int> _notes = [];
    private readonly List<string> _channels = [];
    private readonly List<long> _backs = [];
    private readonly List<byte[]> _bodies = [];
    private int _note;
    private int _noteBytes;

    public int[] Notes => [.. _notes];

    public string[] Channels => [.. _channels];

    public long[] Backs => [.. _backs];

    public byte[][] Bodies => [.. _bodies];

    /// <summary>One channel's new events of the commit, in offset order; <paramref name="timestamp"/> in Unix milliseconds.</summary>
    public void Add(string channel, IReadOnlyList<AppendRequest> events, long timestamp)
    {
        var head = Encoding.UTF8.GetByteCount(channel) + 48;
        var start = 0;
        var carried = 0;
        var bytes = head;
        for (var i = 0; i < events.Count; i++)
        {
            var cost = Cost(events[i]);
            if (cost < 0 || head + cost > Budget)
            {
                // Too big (or not text): announced on its own and read back by every node.
                Flush(channel, events, timestamp, start, carried, carry: true);
                Flush(channel, events, timestamp, i, 1, carry: false);
                start = i + 1;
                carried = 0;
                bytes = head;
                continue;
            }

            if (bytes + cost > Budget)
            {
                Flush(channel, events, timestamp, start, carried, carry: true);
                start = i;
                carried = 0;
                bytes = head;
            }

            carried++;
            bytes += cost;
        }

        Flush(channel, events, timestamp, start, carried, carry: true);

        void Flush(string channel, IReadOnlyList<AppendRequest> events, long timestamp, int from, int count, bool carry)
        {
            if (count > 0)
            {
                Section(channel, events, timestamp, from, count, carry);
            }
        }
    }

    private void Section(string channel, IReadOnlyList<AppendRequest> events, long timestamp, int from, int count, bool carry)
    {
        _section.ResetWrittenCount();
        Number(count);
        Ascii(carry ? " 1 " : " 0 ");
        Number(timestamp);
        Ascii(" ");
        Text(channel);
        if (carry)
        {
            for (var i = from; i < from + count; i++)
            {
                var e = events[i];
                _section.Write([e.Key is null ? Announcement.Plain : e.Tombstone ? Announcement.Tombstone : Announcement.Keyed]);
                Text(e.Event);
                if (e.Key is not null)
                {
                    Text(e.Key);
                }

                Number(e.Data.Length);
                Ascii(":");
                _section.Write(e.Data.Span);
            }
        }

        var size = _section.WrittenCount + Announcement.PrefixAllowance;
        if (_noteBytes > 0 && _noteBytes + size > Announcement.MaxPayload)
        {
            _note++;
            _noteBytes = 0;
        }

        _noteBytes += size;
        _notes.Add(_note);
        _channels.Add(channel);
        _backs.Add(events.Count - from - 1);
        _bodies.Add(_section.WrittenSpan.ToArray());
    }

    /// <summary>Bytes the event adds to a section, or -1 when its data is not text PostgreSQL can carry.</summary>
    private static int Cost(AppendRequest e)
    {
        var data = e.Data.Span;
        if (data.Contains((byte)0) || !Utf8.IsValid(data))
        {
            return -1;
        }

        var cost = 1 + 12 + Encoding.UTF8.GetByteCount(e.Event) + 12 + data.Length;
        return e.Key is null ? cost : cost + 12 + Encoding.UTF8.GetByteCount(e.Key);
    }

    private void Text(string value)
    {
        Number(Encoding.UTF8.GetByteCount(value));
        Ascii(":");
        var span = _section.GetSpan(Encoding.UTF8.GetMaxByteCount(value.Length));
        _section.Advance(Encoding.UTF8.GetBytes(value, span));
    }

    private void Number(long value)
    {
        Utf8Formatter.TryFormat(value, _section.GetSpan(20), out var written);
        _section.Advance(written);
    }

    private void Ascii(string value)
    {
        var span = _section.GetSpan(value.Length);
        _section.Advance(Encoding.ASCII.GetBytes(value, span));
    }
}
