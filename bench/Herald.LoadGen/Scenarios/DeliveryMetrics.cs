using Herald.LoadGen.Results;

namespace Herald.LoadGen.Scenarios;

/// <summary>The columns shared by the scenarios that deliver events (fanout, channels).</summary>
internal static class DeliveryMetrics
{
    public static readonly IReadOnlyList<MetricDef> All =
    [
        new("deliveries_per_s", "deliveries/s (max)", "1/s", true),
        new("publishes_per_s", "publishes/s (max)", "1/s", true),
        new("deliveries_per_server_core", "deliveries/s per server core", "1/s", true),
        new("messages_per_frame", "msgs/frame", "", true, "N2"),
        new("server_cores", "server CPU (cores)", "cores", false, "N2"),
        new("generator_cores", "generator CPU (cores)", "cores", false, "N2"),
        new("max_p99_ms", "p99 at max (ms)", "ms", false, "N2"),
        new("rate", "fixed rate (msg/s)", "1/s", true, "N1"),
        new("rate_deliveries_per_s", "deliveries/s at fixed rate", "1/s", true),
        new("rate_server_cores", "server CPU at fixed rate", "cores", false, "N2"),
        new("p50_ms", "p50 at fixed rate (ms)", "ms", false, "N3"),
        new("p99_ms", "p99 at fixed rate (ms)", "ms", false, "N3"),
        new("p999_ms", "p99.9 at fixed rate (ms)", "ms", false, "N3"),
        new("lost", "lost", "", false),
        new("duplicated", "duplicated", "", false),
        new("out_of_order", "out of order", "", false),
        new("disconnects", "disconnected", "", false),
        new("connected", "subscribers", "", true),
    ];
}
