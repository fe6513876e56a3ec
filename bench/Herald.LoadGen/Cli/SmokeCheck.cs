using System.Globalization;
using Herald.LoadGen.Results;

namespace Herald.LoadGen.Cli;

/// <summary>
/// Whether a smoke run shows a working harness: every server ran, events flowed, nothing was lost or duplicated.
/// It judges correctness only; speed is never a smoke failure.
/// </summary>
internal static class SmokeCheck
{
    public static string? Judge(RunReport report)
    {
        foreach (var round in report.Rounds)
        {
            if (round.Status != "ok")
            {
                return $"{round.Target} round {round.Round} {round.Status}: {round.Error}";
            }

            double Get(string key) => round.Metrics.GetValueOrDefault(key);
            if (report.Scenario is "fanout" or "channels")
            {
                if (Get("deliveries_per_s") <= 0 || Get("rate_deliveries_per_s") <= 0)
                {
                    return $"{round.Target}: no events delivered";
                }

                if (round.Latency.TryGetValue("rate", out var latency) && latency.Count == 0)
                {
                    return $"{round.Target}: no latency recorded";
                }
            }

            if (Get("publish_errors") > 0)
            {
                return $"{round.Target}: {Get("publish_errors")} publishes failed: {round.Notes.FirstOrDefault()}";
            }

            if (Get("lost") > 0 || Get("duplicated") > 0 || Get("out_of_order") > 0 || Get("disconnects") > 0)
            {
                return string.Create(CultureInfo.InvariantCulture,
                    $"{round.Target}: lost {Get("lost")}, duplicated {Get("duplicated")}, out of order {Get("out_of_order")}, disconnected {Get("disconnects")}");
            }
        }

        return report.Rounds.Count == 0 ? "no rounds ran" : null;
    }
}
