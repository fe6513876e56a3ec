using System.Globalization;
using System.Text;

namespace Herald.LoadGen.Results;

/// <summary>The plain-text table printed at the end of a run: medians over rounds, one column per server.</summary>
internal static class ResultTable
{
    public static string Render(RunReport report)
    {
        var targets = report.Summary;
        var rows = new List<string[]>
        {
            new[] { "metric (median of rounds)" }.Concat(targets.Select(t => t.Target)).ToArray(),
        };
        foreach (var metric in report.Metrics)
        {
            if (targets.All(t => !t.Median.ContainsKey(metric.Key)))
            {
                continue;
            }

            rows.Add(new[] { metric.Label }.Concat(targets.Select(t => Cell(t, metric))).ToArray());
        }

        rows.Add(new[] { "rounds ok" }.Concat(targets.Select(t => $"{t.RoundsOk}/{t.Rounds}{(t.RoundsOk == 0 ? $" ({t.Status})" : "")}")).ToArray());
        rows.Add(new[] { "client-bound rounds" }.Concat(targets.Select(t => t.ClientBoundRounds == 0 ? "no" : $"CLIENT-BOUND {t.ClientBoundRounds}/{t.RoundsOk}")).ToArray());
        var headline = report.Metrics.First(m => m.Key == report.Headline);
        rows.Add(new[] { $"herald vs ({headline.Label})" }.Concat(targets.Select(t => t.Target == "herald" ? "1.00x" : report.Ratios.TryGetValue(t.Target, out var r) ? r.ToString("0.00x", CultureInfo.InvariantCulture) : "-")).ToArray());

        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"== {report.Scenario}: {report.Description}");
        for (var i = 0; i < rows.Count; i++)
        {
            text.AppendLine(string.Join("  ", rows[i].Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))));
            if (i == 0)
            {
                text.AppendLine(string.Join("  ", widths.Select(w => new string('-', w))));
            }
        }

        if (report.Goals.Count > 0)
        {
            text.AppendLine("goals (from the issue; reported, not asserted):");
            foreach (var goal in report.Goals)
            {
                var verdict = goal.Reached switch { true => "reached", false => "NOT reached", null => "not measurable here" };
                text.AppendLine(CultureInfo.InvariantCulture, $"  [{verdict}] {goal.Goal}: {goal.Measured}");
            }
        }

        foreach (var t in targets.Where(t => t.Notes.Count > 0))
        {
            foreach (var note in t.Notes.Distinct().Take(6))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  note [{t.Target}] {note}");
            }
        }

        return text.ToString();
    }

    private static string Cell(TargetSummary t, MetricDef metric)
    {
        if (!t.Median.TryGetValue(metric.Key, out var v))
        {
            return "-";
        }

        var median = v.ToString(metric.Format, CultureInfo.InvariantCulture);
        if (t.RoundsOk < 2 || t.Min[metric.Key] == t.Max[metric.Key])
        {
            return median;
        }

        // The spread over rounds, so one noisy round is visible next to the median.
        return $"{median} ({t.Min[metric.Key].ToString(metric.Format, CultureInfo.InvariantCulture)}..{t.Max[metric.Key].ToString(metric.Format, CultureInfo.InvariantCulture)})";
    }
}
