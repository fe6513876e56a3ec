using System.CommandLine;
using Herald.Client;

namespace Herald.Cli.Tail;

/// <summary><c>herald tail &lt;channel&gt;</c>: follow a channel live, across reconnects, until Ctrl+C (or until <c>--max-retries</c> failed attempts in a row).</summary>
internal static class TailCommand
{
    public static Command Create(GlobalOptions global, CliContext context)
    {
        var channel = new Argument<string>("channel") { Description = "The channel, e.g. public:news." };
        var events = new Option<string[]>("--events") { Description = "Only events matching these globs (comma-separated or repeated), e.g. 'task.*'.", AllowMultipleArgumentsPerToken = true };
        var since = new Option<string?>("--since") { Description = "Resume after EPOCH:OFFSET (as printed when tail starts) instead of starting live." };
        var snapshot = new Option<bool>("--snapshot") { Description = "Print the latest event of every key first (and after a gap)." };
        var json = new Option<bool>("--json") { Description = "One JSON object per line (the protocol's event/snapshot messages) instead of readable lines." };
        var count = new Option<int>("--count") { Description = "Exit after this many events (0: never)." };
        var mount = new Option<string>("--mount") { Description = "The WebSocket path.", DefaultValueFactory = _ => "/ws" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No status lines on stderr." };
        var maxRetries = new Option<int?>("--max-retries")
        {
            Description = "Give up after this many failed retries in a row (0: at the first failure) and exit 3. Default: retry for ever. A rejected credential (close 4001) ends the tail at once with 4.",
        };
        var command = new Command("tail", "Follow a channel: prints each event as it is published, resuming after reconnects without loss or duplicates.")
        {
            channel, events, since, snapshot, json, count, mount, quiet, maxRetries,
        };
        command.SetAction(CliApp.Guard(context, async (parse, cancellationToken) =>
        {
            StreamPosition? position = null;
            if (parse.GetValue(since) is { } text && !StreamPosition.TryParse(text, out position))
            {
                throw new CliException(ExitCodes.Usage, $"--since must be EPOCH:OFFSET (tail prints it when it starts), not '{text}'");
            }

            if (parse.GetValue(maxRetries) < 0)
            {
                throw new CliException(ExitCodes.Usage, "--max-retries must be 0 or more");
            }

            var server = global.Resolve(parse, context);
            var options = new SubscribeOptions
            {
                Events = [.. (parse.GetValue(events) ?? []).SelectMany(e => e.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))],
                Snapshot = parse.GetValue(snapshot),
                Since = position,
            };
            ITailPrinter printer = parse.GetValue(json) ? new JsonLinePrinter(context.Out) : new ReadableLinePrinter(context.CreateConsole());
            var session = new TailSession(context, server.WebSocketUri(parse.GetValue(mount)!), server.Credential(), parse.GetValue(quiet), parse.GetValue(maxRetries));
            return await session.RunAsync(parse.GetValue(channel)!, options, printer, parse.GetValue(count), cancellationToken);
        }));
        return command;
    }
}
