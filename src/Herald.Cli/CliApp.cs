using System.CommandLine;
using Herald.Cli.Keys;
using Herald.Cli.Publish;
using Herald.Cli.Stats;
using Herald.Cli.Tail;
using Herald.Cli.Token;

namespace Herald.Cli;

/// <summary>The `herald` command tree. <see cref="RunAsync"/> is the whole program, with its I/O in a <see cref="CliContext"/>.</summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        var global = new GlobalOptions();
        var root = new RootCommand("herald: tail and publish Herald channels, manage API keys, mint development tokens, watch stats.");
        global.AddTo(root);
        root.Subcommands.Add(TailCommand.Create(global, context));
        root.Subcommands.Add(PublishCommand.Create(global, context));
        root.Subcommands.Add(KeysCommand.Create(global, context));
        root.Subcommands.Add(TokenCommand.Create(context));
        root.Subcommands.Add(StatsCommand.Create(global, context));

        // No response files: `@file` is publish's way of naming a data file.
        var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parse.Errors.Count > 0)
        {
            context.Fail(parse.Errors[0].Message + " (see herald --help)");
            return ExitCodes.Usage;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { Output = context.Out, Error = context.Error, EnableDefaultExceptionHandler = false }, cancellationToken);
    }

    /// <summary>Runs a command's body, turning failures into one line on stderr and an exit code.</summary>
    internal static Func<ParseResult, CancellationToken, Task<int>> Guard(CliContext context, Func<ParseResult, CancellationToken, Task<int>> action) =>
        async (parse, cancellationToken) =>
        {
            try
            {
                return await action(parse, cancellationToken);
            }
            catch (CliException ex)
            {
                context.Fail(ex.Message);
                return ex.ExitCode;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return 130;
            }
            catch (Exception ex)
            {
                context.Fail("unexpected error: " + ex.Message);
                return ExitCodes.Failure;
            }
        };
}
