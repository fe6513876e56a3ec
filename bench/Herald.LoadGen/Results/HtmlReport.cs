using System.Globalization;
using System.Net;
using System.Text;

namespace Herald.LoadGen.Results;

/// <summary>The self-contained HTML report of one run: the table, the goals, and charts drawn as inline SVG.</summary>
internal static class HtmlReport
{
    public static string Render(RunReport report)
    {
        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Herald benchmark: ")
            .Append(Esc(report.Scenario))
            .Append("</title><style>body{font-family:sans-serif;max-width:1400px;margin:20px auto;color:#1a202c}"
                + "table{border-collapse:collapse;margin:10px 0}td,th{border:1px solid #cbd5e0;padding:4px 8px;text-align:right}"
                + "td:first-child,th:first-child{text-align:left}.bad{color:#c53030;font-weight:bold}.good{color:#2f855a}"
                + ".charts{display:flex;flex-wrap:wrap;gap:16px}code,pre{background:#f7fafc;padding:2px 4px}</style></head><body>");
        html.Append(Inv($"<h1>Herald benchmark: {Esc(report.Scenario)}</h1><p>{Esc(report.Description)}</p>"));
        var m = report.Machine;
        html.Append(Inv($"<p><b>Machine:</b> {Esc(m.CpuModel)}, {m.Cores} cores, {m.MemoryGiB} GiB, {Esc(m.Kernel)}, {Esc(m.Dotnet)}, node {Esc(m.Node)}, commit {Esc(m.GitCommit)}, open-file limit {m.FdLimit}, load average before the run {Esc(m.LoadAverage)}. <b>Started:</b> {report.Started:yyyy-MM-dd HH:mm:ss zzz}</p>"));
        html.Append(Inv($"<p><b>Command:</b> <code>{Esc(report.Command)}</code></p>"));
        html.Append("<p><b>Options:</b> ").Append(Esc(string.Join(", ", report.Options.Select(o => $"{o.Key}={Format(o.Value)}")))).Append("</p>");

        SummaryTable(html, report);
        Goals(html, report);
        Charts(html, report);
        RoundsTable(html, report);
        html.Append("</body></html>");
        return html.ToString();
    }

    private static void SummaryTable(StringBuilder html, RunReport report)
    {
        html.Append("<h2>Results (median of rounds; min..max in brackets)</h2><table><tr><th>metric</th>");
        foreach (var t in report.Summary)
        {
            html.Append("<th>").Append(Esc(t.Target)).Append("</th>");
        }

        html.Append("</tr>");
        foreach (var metric in report.Metrics.Where(x => report.Summary.Any(t => t.Median.ContainsKey(x.Key))))
        {
            html.Append("<tr><td>").Append(Esc(metric.Label)).Append("</td>");
            foreach (var t in report.Summary)
            {
                html.Append("<td>").Append(t.Median.TryGetValue(metric.Key, out var v)
                    ? Esc(v.ToString(metric.Format, CultureInfo.InvariantCulture) + (t.RoundsOk > 1 && t.Min[metric.Key] != t.Max[metric.Key]
                        ? $" ({t.Min[metric.Key].ToString(metric.Format, CultureInfo.InvariantCulture)}..{t.Max[metric.Key].ToString(metric.Format, CultureInfo.InvariantCulture)})"
                        : ""))
                    : "-").Append("</td>");
            }

            html.Append("</tr>");
        }

        html.Append("<tr><td>rounds ok</td>");
        foreach (var t in report.Summary)
        {
            html.Append(Inv($"<td>{t.RoundsOk}/{t.Rounds} {(t.RoundsOk == 0 ? Esc(t.Status ?? "") : "")}</td>"));
        }

        html.Append("</tr><tr><td>client-bound rounds</td>");
        foreach (var t in report.Summary)
        {
            html.Append(t.ClientBoundRounds == 0 ? "<td>no</td>" : Inv($"<td class=\"bad\">CLIENT-BOUND {t.ClientBoundRounds}/{t.RoundsOk}</td>"));
        }

        html.Append("</tr><tr><td>Herald vs (").Append(Esc(report.Headline)).Append(")</td>");
        foreach (var t in report.Summary)
        {
            html.Append("<td>").Append(t.Target == "herald" ? "1.00x" : report.Ratios.TryGetValue(t.Target, out var r) ? r.ToString("0.00x", CultureInfo.InvariantCulture) : "-").Append("</td>");
        }

        html.Append("</tr></table>");
        foreach (var t in report.Summary.Where(t => t.Notes.Count > 0))
        {
            html.Append("<p><b>").Append(Esc(t.Target)).Append(":</b> ").Append(Esc(string.Join("; ", t.Notes.Distinct().Take(8)))).Append("</p>");
        }
    }

    private static void Goals(StringBuilder html, RunReport report)
    {
        if (report.Goals.Count == 0)
        {
            return;
        }

        html.Append("<h2>Goals from the issue (reported, never asserted)</h2><ul>");
        foreach (var g in report.Goals)
        {
            var (cls, verdict) = g.Reached switch { true => ("good", "reached"), false => ("bad", "NOT reached"), null => ("", "not measurable here") };
            html.Append(Inv($"<li><span class=\"{cls}\">[{verdict}]</span> {Esc(g.Goal)}: {Esc(g.Measured)}</li>"));
        }

        html.Append("</ul>");
    }

    private static void Charts(StringBuilder html, RunReport report)
    {
        var ok = report.Summary.Where(t => t.RoundsOk > 0).ToList();
        html.Append("<h2>Charts</h2><div class=\"charts\">");
        var headline = report.Metrics.First(x => x.Key == report.Headline);
        html.Append(SvgChart.Bars(headline.Label, headline.Unit, ok.Where(t => t.Median.ContainsKey(headline.Key))
            .Select(t => (t.Target, t.Median[headline.Key], t.Min[headline.Key], t.Max[headline.Key])).ToList()));

        var cpuTargets = ok.Where(t => t.Median.ContainsKey("server_cores")).ToList();
        if (cpuTargets.Count > 0)
        {
            html.Append(SvgChart.GroupedBars("CPU: server vs generator", "cores", cpuTargets.Select(t => t.Target).ToList(),
            [
                ("server", cpuTargets.Select(t => t.Median["server_cores"]).ToArray()),
                ("generator", cpuTargets.Select(t => t.Median.GetValueOrDefault("generator_cores")).ToArray()),
            ]));
        }

        foreach (var name in ok.SelectMany(t => t.Latency.Keys).Distinct())
        {
            var withIt = ok.Where(t => t.Latency.ContainsKey(name)).ToList();
            html.Append(SvgChart.GroupedBars($"latency '{name}' (all rounds merged)", "ms", withIt.Select(t => t.Target).ToList(),
            [
                ("p50", withIt.Select(t => t.Latency[name].P50Ms).ToArray()),
                ("p99", withIt.Select(t => t.Latency[name].P99Ms).ToArray()),
                ("p99.9", withIt.Select(t => t.Latency[name].P999Ms).ToArray()),
            ]));
            html.Append(SvgChart.Lines($"latency '{name}' by percentile", "percentile", "ms",
                withIt.Select(t => (t.Target, (IReadOnlyList<(double, double)>)t.Latency[name].Curve.Where(p => p.Percentile < 100).Select(p => (p.Percentile, p.ValueMs)).ToList())).ToList(),
                percentileAxis: true));
        }

        var firstRounds = report.Rounds.Where(r => r.Round == 1 && r.Timeline.Count > 1).ToList();
        if (firstRounds.Count > 0)
        {
            html.Append(SvgChart.Lines("deliveries/s over time (round 1)", "seconds", "1/s",
                firstRounds.Select(r => (r.Target, (IReadOnlyList<(double, double)>)r.Timeline.Select(p => (p.Seconds, p.DeliveriesPerSecond)).ToList())).ToList()));
            html.Append(SvgChart.Lines("server CPU over time (round 1)", "seconds", "cores",
                firstRounds.Select(r => (r.Target, (IReadOnlyList<(double, double)>)r.Timeline.Select(p => (p.Seconds, p.ServerCores)).ToList())).ToList()));
            html.Append(SvgChart.Lines("server RSS over time (round 1)", "seconds", "MiB",
                firstRounds.Select(r => (r.Target, (IReadOnlyList<(double, double)>)r.Timeline.Select(p => (p.Seconds, p.ServerRssBytes / 1048576.0)).ToList())).ToList()));
        }

        html.Append("</div>");
    }

    private static void RoundsTable(StringBuilder html, RunReport report)
    {
        html.Append("<h2>Every round</h2><table><tr><th>round</th><th>server</th><th>status</th><th>")
            .Append(Esc(report.Headline)).Append("</th><th>server cores</th><th>generator cores</th><th>client-bound</th><th>notes</th></tr>");
        foreach (var r in report.Rounds)
        {
            html.Append(Inv($"<tr><td>{r.Round}</td><td>{Esc(r.Target)}</td><td>{Esc(r.Status)}</td><td>{(r.Metrics.TryGetValue(report.Headline, out var v) ? v.ToString("N2", CultureInfo.InvariantCulture) : "-")}</td>"))
                .Append(Inv($"<td>{r.ServerCores:N2}</td><td>{r.GeneratorCores:N2}</td><td>{(r.ClientBound ? "<span class=\"bad\">yes</span>" : "no")}</td>"))
                .Append("<td>").Append(Esc(string.Join("; ", r.Notes.Append(r.Error ?? "").Where(s => s.Length > 0)))).Append("</td></tr>");
        }

        html.Append("</table>");
    }

    private static string Format(object value) => value switch
    {
        IEnumerable<string> list => string.Join("+", list),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Esc(string s) => WebUtility.HtmlEncode(s);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
