using System.Globalization;
using System.Text;

namespace Herald.LoadGen.Results;

/// <summary>One scenario's section of docs/benchmarks.md, written next to the JSON so the doc is regenerated, not retyped.</summary>
internal static class MarkdownReport
{
    public static string Render(RunReport report, string jsonName)
    {
        var md = new StringBuilder();
        var targets = report.Summary;
        md.AppendLine(Inv($"### {report.Scenario}"));
        md.AppendLine();
        md.AppendLine(report.Description);
        md.AppendLine();
        md.AppendLine(Inv($"`{report.Command}` — {report.Started:yyyy-MM-dd HH:mm}, load average before the run {report.Machine.LoadAverage}, commit {report.Machine.GitCommit}, results `bench/results/{jsonName}`."));
        md.AppendLine();
        md.Append("| metric (median of rounds, min..max) |");
        foreach (var t in targets)
        {
            md.Append(' ').Append(t.Target).Append(" |");
        }

        md.AppendLine().Append("|---|").AppendLine(string.Concat(targets.Select(_ => "---:|")));
        foreach (var metric in report.Metrics.Where(m => targets.Any(t => t.Median.ContainsKey(m.Key))))
        {
            md.Append("| ").Append(metric.Label).Append(" |");
            foreach (var t in targets)
            {
                md.Append(' ').Append(Cell(t, metric)).Append(" |");
            }

            md.AppendLine();
        }

        md.Append("| rounds ok |");
        foreach (var t in targets)
        {
            md.Append(Inv($" {t.RoundsOk}/{t.Rounds}{(t.RoundsOk == 0 ? $" ({t.Status})" : "")} |"));
        }

        md.AppendLine().Append("| client-bound rounds |");
        foreach (var t in targets)
        {
            md.Append(t.ClientBoundRounds == 0 ? " no |" : Inv($" **{t.ClientBoundRounds}/{t.RoundsOk}** |"));
        }

        md.AppendLine().Append("| Herald vs (").Append(report.Headline).Append(") |");
        foreach (var t in targets)
        {
            md.Append(' ').Append(t.Target == "herald" ? "1.00x" : report.Ratios.TryGetValue(t.Target, out var r) ? r.ToString("0.00x", CultureInfo.InvariantCulture) : "-").Append(" |");
        }

        md.AppendLine().AppendLine();
        foreach (var goal in report.Goals)
        {
            var verdict = goal.Reached switch { true => "reached", false => "**NOT reached**", null => "not measurable here" };
            md.AppendLine(Inv($"- {verdict}: {goal.Goal} — {goal.Measured}"));
        }

        foreach (var t in targets.Where(t => t.Notes.Count > 0))
        {
            foreach (var note in t.Notes.Distinct().Take(4))
            {
                md.AppendLine(Inv($"- note ({t.Target}): {note}"));
            }
        }

        md.AppendLine();
        return md.ToString();
    }

    private static string Cell(TargetSummary t, MetricDef metric)
    {
        if (!t.Median.TryGetValue(metric.Key, out var v))
        {
            return "-";
        }

        var text = v.ToString(metric.Format, CultureInfo.InvariantCulture);
        return t.RoundsOk > 1 && t.Min[metric.Key] != t.Max[metric.Key]
            ? $"{text} ({t.Min[metric.Key].ToString(metric.Format, CultureInfo.InvariantCulture)}..{t.Max[metric.Key].ToString(metric.Format, CultureInfo.InvariantCulture)})"
            : text;
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
