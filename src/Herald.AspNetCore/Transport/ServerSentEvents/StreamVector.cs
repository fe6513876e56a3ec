using System.Buffers;
using System.Buffers.Text;
using System.Text;
using Herald.Log;
using Herald.Protocol;

namespace Herald.AspNetCore.Transport.ServerSentEvents;

/// <summary>
/// Where a stream's client stands in every channel of the stream: the SSE <c>id:</c> of each
/// message, so that the <c>Last-Event-ID</c> a browser sends back on reconnect resumes all of them,
/// not only the channel of the last event. Written as the connect <c>since</c> values joined by
/// ',': <c>&lt;epoch&gt;:&lt;offset&gt;:&lt;channel&gt;,…</c> (',' is in no epoch or channel name).
/// </summary>
internal sealed class StreamVector
{
    private readonly List<Slot> _marks = [];

    /// <summary>Starts from where the client said it stood, for the channels this stream carries.</summary>
    public StreamVector(IEnumerable<string> channels, IReadOnlyDictionary<string, StreamPosition> resumeAt)
    {
        foreach (var channel in channels)
        {
            if (resumeAt.TryGetValue(channel, out var position))
            {
                _marks.Add(new Slot(channel, position.Epoch, position.Offset));
            }
        }
    }

    public bool IsEmpty => _marks.Count == 0;

    /// <summary>Moves one channel; allocates only for a channel new to the stream, not per event.</summary>
    public void Move(string channel, string epoch, long offset)
    {
        foreach (var slot in _marks)
        {
            if (string.Equals(slot.Channel, channel, StringComparison.Ordinal))
            {
                slot.Epoch = epoch;
                slot.Offset = offset;
                return;
            }
        }

        _marks.Add(new Slot(channel, epoch, offset));
    }

    public void WriteTo(IBufferWriter<byte> writer)
    {
        for (var i = 0; i < _marks.Count; i++)
        {
            var mark = _marks[i];
            var span = writer.GetSpan(2 + Encoding.UTF8.GetMaxByteCount(mark.Epoch.Length + mark.Channel.Length) + 20);
            var n = 0;
            if (i > 0)
            {
                span[n++] = (byte)',';
            }

            n += Encoding.UTF8.GetBytes(mark.Epoch, span[n..]);
            span[n++] = (byte)':';
            Utf8Formatter.TryFormat(mark.Offset, span[n..], out var digits);
            n += digits;
            span[n++] = (byte)':';
            n += Encoding.UTF8.GetBytes(mark.Channel, span[n..]);
            writer.Advance(n);
        }
    }

    private sealed class Slot(string channel, string epoch, long offset)
    {
        public string Channel { get; } = channel;

        public string Epoch { get; set; } = epoch;

        public long Offset { get; set; } = offset;
    }
}
