using System.Text.Json.Serialization;
using Herald.LoadGen.Metrics;

namespace Herald.LoadGen.Results;

/// <summary>One scenario run against one server in one round.</summary>
internal sealed class RoundResult(string scenario, string target, int round)
{
    public string Scenario { get; } = scenario;

    public string Target { get; } = target;

    public int Round { get; } = round;

    /// <summary>ok, failed, or unavailable (the server could not be started in this configuration).</summary>
    public string Status { get; set; } = "ok";

    public string? Error { get; set; }

    public Dictionary<string, double> Metrics { get; } = [];

    public Dictionary<string, LatencySummary> Latency { get; } = [];

    [JsonIgnore]
    public Dictionary<string, LatencyHistogram> Histograms { get; } = [];

    /// <summary>Server cores used in the measured phase (1.0 = one core busy).</summary>
    public double ServerCores { get; set; }

    /// <summary>Generator cores used in the same phase.</summary>
    public double GeneratorCores { get; set; }

    /// <summary>The generator was saturated: the figure is a floor of the server's capacity, not its capacity.</summary>
    public bool ClientBound { get; set; }

    public List<string> Notes { get; } = [];

    public IReadOnlyList<TimelinePoint> Timeline { get; set; } = [];

    public void AddLatency(string name, LatencyHistogram histogram)
    {
        Histograms[name] = histogram;
        Latency[name] = LatencySummary.FromMicroseconds(histogram);
    }
}
