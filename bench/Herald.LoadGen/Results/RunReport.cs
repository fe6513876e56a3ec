namespace Herald.LoadGen.Results;

/// <summary>Everything a run produced; serialized as the JSON result and rendered as the table and HTML report.</summary>
internal sealed class RunReport
{
    public required string Scenario { get; init; }

    public required string Description { get; init; }

    public required string Command { get; init; }

    public required DateTimeOffset Started { get; init; }

    public required MachineInfo Machine { get; init; }

    public required Dictionary<string, object> Options { get; init; }

    public required IReadOnlyList<MetricDef> Metrics { get; init; }

    public required string Headline { get; init; }

    public required IReadOnlyList<RoundResult> Rounds { get; init; }

    public required IReadOnlyList<TargetSummary> Summary { get; init; }

    public required IReadOnlyList<GoalCheck> Goals { get; init; }

    /// <summary>Herald's headline figure over each other server's ("3.10x" reads: Herald is 3.1 times better).</summary>
    public required Dictionary<string, double> Ratios { get; init; }
}
