using Herald.Hub;

namespace Herald.Diagnostics;

/// <summary>
/// A read-only view of this node for applications that report on it in their own shapes
/// (a task service's <c>/api/ws/stats</c>, say): connections and channels with subscribers.
/// </summary>
public sealed class HeraldMonitor
{
    private readonly HeraldHub _hub;
    private readonly HeraldCounters _counters;

    internal HeraldMonitor(HeraldHub hub, HeraldCounters counters)
    {
        _hub = hub;
        _counters = counters;
    }

    public long Connections => _counters.Connections;

    public HeraldCounters Counters => _counters;

    /// <summary>Channels that have subscribers on this node, with how many.</summary>
    public IReadOnlyDictionary<string, int> Channels() =>
        _hub.Channels.Where(c => c.Value > 0).ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
}
