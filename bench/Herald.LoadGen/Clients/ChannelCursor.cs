using System.Text;
using Herald.LoadGen.Protocols;

namespace Herald.LoadGen.Clients;

/// <summary>
/// One subscriber's view of one channel: where its stream stands and a bitmap of every offset received since the
/// first subscription, so lost, duplicated and out-of-order deliveries are counted exactly even across reconnects.
/// Touched only by its client's receive loop.
/// </summary>
internal sealed class ChannelCursor(string name)
{
    private ulong[] _seen = new ulong[4];

    public string Name { get; } = name;

    public byte[] NameBytes { get; } = Encoding.UTF8.GetBytes(name);

    public string? Epoch { get; private set; }

    /// <summary>The stream position the first subscription reported; offsets after it are expected.</summary>
    public long Start { get; private set; } = -1;

    /// <summary>Highest offset received (or the subscription's position before anything arrived).</summary>
    public long Last { get; private set; } = -1;

    public long Received { get; private set; }

    public long Duplicates { get; private set; }

    public long OutOfOrder { get; private set; }

    public int Recovered { get; private set; }

    /// <summary>Resubscriptions that could not continue the stream (other epoch, or history gone).</summary>
    public int Unrecovered { get; private set; }

    public bool HasPosition => Start >= 0;

    public ResumePoint? ResumeFrom() => Epoch is null || Start < 0 ? null : new ResumePoint(Epoch, Last);

    public void OnSubscribed(ControlMessage reply)
    {
        if (Start < 0)
        {
            Reset(reply.Epoch, reply.Offset);
            return;
        }

        if (reply.Recovered == true)
        {
            Recovered++;
            return;
        }

        // Not continued: a peer without resume, history gone, or a new life of the stream after a restart.
        Unrecovered++;
        if ((reply.Epoch is not null && reply.Epoch != Epoch) || reply.Offset < Last)
        {
            // What the old stream still held for us cannot be known from here; counting starts over.
            Reset(reply.Epoch, reply.Offset);
        }

        // Otherwise the gap stays in the bitmap and counts as lost.
    }

    public void Observe(long offset)
    {
        if (offset <= Start)
        {
            return;
        }

        var index = offset - Start - 1;
        var word = (int)(index >> 6);
        if (word >= _seen.Length)
        {
            Array.Resize(ref _seen, Math.Max(_seen.Length * 2, word + 1));
        }

        var bit = 1UL << (int)(index & 63);
        if ((_seen[word] & bit) != 0)
        {
            Duplicates++;
            return;
        }

        _seen[word] |= bit;
        Received++;
        if (offset < Last)
        {
            OutOfOrder++;
        }
        else
        {
            Last = offset;
        }
    }

    /// <summary>Offsets in (Start, <paramref name="finalOffset"/>] that never arrived.</summary>
    public long CountLost(long finalOffset)
    {
        if (Start < 0 || finalOffset <= Start)
        {
            return 0;
        }

        long seen = 0;
        var count = finalOffset - Start;
        var words = (int)Math.Min(_seen.Length, (count + 63) >> 6);
        for (var w = 0; w < words; w++)
        {
            var bits = _seen[w];
            var firstIndex = (long)w << 6;
            if (firstIndex + 64 > count)
            {
                bits &= (1UL << (int)(count - firstIndex)) - 1;
            }

            seen += (long)ulong.PopCount(bits);
        }

        return count - seen;
    }

    private void Reset(string? epoch, long offset)
    {
        Epoch = epoch;
        Start = offset;
        Last = offset;
        Array.Clear(_seen);
    }
}
