using System.CommandLine;
using Spectre.Console;

namespace Herald.Cli.Stats;

/// <summary><c>herald stats</c>: a live table of <c>GET /api/stats</c> on a terminal; one table (or JSON) otherwise.</summary>
internal static class StatsCommand
{
    public static Command Create(GlobalOptions global, CliContext context)
    {
        var once = new Option<bool>("--once") { Description = "Print the table once and exit (the default when stdout is not a terminal)." };
        var json = new Option<bool>("--json") { Description = "Print the server's JSON once and exit." };
        var interval = new Option<double>("--interval") { Description = "Seconds between refreshes.", DefaultValueFactory = _ => 2 };
        var command = new Command("stats", "Connections, channels, subscriptions and rates per node and for the cluster (needs admin).") { once, json, interval };
        command.SetAction(CliApp.Guard(context, async (parse, cancellationToken) =>
        {
            using var api = new HeraldApi(global.Resolve(parse, context), context);
            using var first = await FetchAsync(api, cancellationToken);
            if (parse.GetValue(json))
            {
                context.Out.WriteLine(first.RootElement.GetRawText());
                return ExitCodes.Ok;
            }

            var console = context.CreateConsole();
            if (parse.GetValue(once) || !context.Interactive)
            {
                console.Write(StatsTable.Build(first.RootElement));
                return ExitCodes.Ok;
            }

            var period = TimeSpan.FromSeconds(Math.Max(0.2, parse.GetValue(interval)));
            try
            {
                await console.Live(StatsTable.Build(first.RootElement)).StartAsync(async live =>
                {
                    while (true)
                    {
                        await Task.Delay(period, context.Time, cancellationToken);
                        using var next = await FetchAsync(api, cancellationToken);
                        live.UpdateTarget(StatsTable.Build(next.RootElement));
                    }
                });
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Ctrl+C ends the live view.
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static async Task<System.Text.Json.JsonDocument> FetchAsync(HeraldApi api, CancellationToken cancellationToken) =>
        await api.SendAsync(HttpMethod.Get, "api/stats", null, cancellationToken)
            ?? throw new CliException(ExitCodes.Failure, "the server answered /api/stats with an empty body");
}
