using System.Runtime.CompilerServices;

using System.Collections.Concurrent;

namespace Herald.Bench.SignalRPeer;

/// <summary>Per-channel counters so the harness can count lost and duplicated events for this peer too.</summary>
public sealed class ChannelOffsets
{
    private readonly ConcurrentDictionary<string, StrongBox<long>> _offsets = new(StringComparer.Ordinal);

    public long Next(string channel) => Interlocked.Increment(ref _offsets.GetOrAdd(channel, static _ => new StrongBox<long>()).Value);

    public long Current(string channel) => _offsets.TryGetValue(channel, out var box) ? Volatile.Read(ref box.Value) : 0;
}
