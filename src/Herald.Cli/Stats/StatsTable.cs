using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace Herald.Cli.Stats;

/// <summary>Renders <c>GET /api/stats</c>: one row per node and a cluster total.</summary>
internal static class StatsTable
{
    public static Table Build(JsonElement stats)
    {
        var table = new Table().Title("Herald stats")
            .AddColumns("node", "uptime", "connections", "channels", "subscriptions", "events in/s", "deliveries/s", "slow closes");
        var nodes = stats.TryGetProperty("nodes", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().ToList()
            : stats.TryGetProperty("node", out var node) ? [node] : [];
        foreach (var n in nodes)
        {
            table.AddRow(
                Markup.Escape(Str(n, "node")),
                Uptime(Num(n, "uptime_seconds")),
                Int(n, "connections"),
                Int(n, "channels"),
                Int(n, "subscriptions"),
                Rate(n, "events_in_per_sec"),
                Rate(n, "deliveries_per_sec"),
                Int(n, "slow_consumer_closes"));
        }

        if (stats.TryGetProperty("cluster", out var cluster))
        {
            table.AddRow(
                $"[bold]cluster ({Int(cluster, "nodes")} node(s))[/]",
                "",
                Int(cluster, "connections"),
                Int(cluster, "channels"),
                Int(cluster, "subscriptions"),
                Rate(cluster, "events_in_per_sec"),
                Rate(cluster, "deliveries_per_sec"),
                Int(cluster, "slow_consumer_closes"));
        }

        return table;
    }

    private static string Str(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";

    private static double Num(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : 0;

    private static string Int(JsonElement e, string name) => Num(e, name).ToString("N0", CultureInfo.InvariantCulture);

    private static string Rate(JsonElement e, string name) => Num(e, name).ToString("0.0", CultureInfo.InvariantCulture);

    private static string Uptime(double seconds)
    {
        var span = TimeSpan.FromSeconds(seconds);
        return span.TotalDays >= 1 ? $"{(int)span.TotalDays}d {span.Hours}h" : span.TotalHours >= 1 ? $"{span.Hours}h {span.Minutes}m" : $"{span.Minutes}m {span.Seconds}s";
    }
}
