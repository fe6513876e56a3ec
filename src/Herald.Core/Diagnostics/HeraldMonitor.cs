namespace Herald.Diagnostics;

/// <summary>
/// A read-only view of this node for applications that report on it in their own shapes
/// (a task service's <c>/api/ws/stats</c>, say): connections and channels with subscribers.
/// </summary>
public sealed class HeraldMonitor
{
    // The hub's channel counts, handed in: diagnostics observe the hub without depending on it.
    private readonly Func<IEnumerable<KeyValuePair<string, int>>> _channels;
    private readonly HeraldCounters _counters;

    internal HeraldMonitor(Func<IEnumerable<KeyValuePair<string, int>>> channels, HeraldCounters counters)
    {
        _channels = channels;
        _counters = counters;
    }

    public long Connections => _counters.Connections;

    public HeraldCounters Counters => _counters;

    /// <summary>Channels that have subscribers on this node, with how many.</summary>
    public IReadOnlyDictionary<string, int> Channels() =>
        _channels().Where(c => c.Value > 0).ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
}
