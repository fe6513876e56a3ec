using Herald.LoadGen.Metrics;

namespace Herald.LoadGen.Results;

/// <summary>One server's rounds reduced to medians (and the spread), with latency histograms merged over rounds.</summary>
internal sealed class TargetSummary
{
    public required string Target { get; init; }

    public int Rounds { get; init; }

    public int RoundsOk { get; init; }

    public int ClientBoundRounds { get; init; }

    public string? Status { get; init; }

    public Dictionary<string, double> Median { get; } = [];

    public Dictionary<string, double> Min { get; } = [];

    public Dictionary<string, double> Max { get; } = [];

    public Dictionary<string, LatencySummary> Latency { get; } = [];

    public List<string> Notes { get; } = [];

    public static TargetSummary From(string target, IReadOnlyList<RoundResult> rounds)
    {
        var ok = rounds.Where(r => r.Status == "ok").ToList();
        var summary = new TargetSummary
        {
            Target = target,
            Rounds = rounds.Count,
            RoundsOk = ok.Count,
            ClientBoundRounds = ok.Count(r => r.ClientBound),
            Status = ok.Count > 0 ? "ok" : rounds.Count > 0 ? rounds[0].Status : "missing",
        };
        foreach (var key in ok.SelectMany(r => r.Metrics.Keys).Distinct())
        {
            var values = ok.Where(r => r.Metrics.ContainsKey(key)).Select(r => r.Metrics[key]).Order().ToArray();
            summary.Median[key] = values.Length % 2 == 1 ? values[values.Length / 2] : (values[(values.Length / 2) - 1] + values[values.Length / 2]) / 2;
            summary.Min[key] = values[0];
            summary.Max[key] = values[^1];
        }

        foreach (var name in ok.SelectMany(r => r.Histograms.Keys).Distinct())
        {
            var merged = new LatencyHistogram();
            foreach (var r in ok.Where(r => r.Histograms.ContainsKey(name)))
            {
                merged.Add(r.Histograms[name]);
            }

            summary.Latency[name] = LatencySummary.FromMicroseconds(merged);
        }

        summary.Notes.AddRange(rounds.SelectMany(r => r.Notes.Select(n => $"round {r.Round}: {n}")));
        summary.Notes.AddRange(rounds.Where(r => r.Error is not null).Select(r => $"round {r.Round}: {r.Status}: {r.Error}"));
        return summary;
    }
}
