using Herald.LoadGen.Orchestration;
using Herald.LoadGen.Results;
using Herald.LoadGen.Targets;

namespace Herald.LoadGen.Scenarios;

/// <summary>A workload run the same way against every server.</summary>
internal interface IScenario
{
    string Name { get; }

    string Description { get; }

    IReadOnlyList<MetricDef> Metrics { get; }

    /// <summary>The metric the ratios between servers are computed on.</summary>
    string Headline { get; }

    IReadOnlyList<ServerTarget> TargetsFor(RunOptions options);

    Task RunAsync(ScenarioContext context, RoundResult result, CancellationToken ct);

    /// <summary>The numbers to reach, checked against the summary (reported, never asserted).</summary>
    IEnumerable<GoalCheck> Goals(RunSummary summary);
}
