namespace Herald.LoadGen.Results;

/// <summary>All servers of one run, in the order they were listed.</summary>
internal sealed class RunSummary(IReadOnlyList<TargetSummary> targets)
{
    public IReadOnlyList<TargetSummary> Targets { get; } = targets;

    public TargetSummary? this[string target] => Targets.FirstOrDefault(t => t.Target == target);

    public double? Median(string target, string metric) =>
        this[target] is { } t && t.RoundsOk > 0 && t.Median.TryGetValue(metric, out var v) ? v : null;
}
