using System.Collections.Concurrent;
using System.Text.Json;

namespace Herald.AspNetCore.Cluster;

/// <summary>Operator-supplied metrics shown in the cluster status (name → any JSON value).</summary>
internal sealed class CustomMetricsStore
{
    private readonly ConcurrentDictionary<string, JsonElement> _metrics = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, JsonElement> Snapshot() =>
        new SortedDictionary<string, JsonElement>(_metrics, StringComparer.Ordinal);

    public void Merge(IReadOnlyDictionary<string, JsonElement> metrics)
    {
        foreach (var (name, value) in metrics)
        {
            _metrics[name] = value.Clone();
        }
    }

    public void Replace(IReadOnlyDictionary<string, JsonElement> metrics)
    {
        _metrics.Clear();
        Merge(metrics);
    }

    public bool Remove(string name) => _metrics.TryRemove(name, out _);
}
