using System.CommandLine;
using Herald.Tooling.Tokens;

namespace Herald.Server.Commands;

/// <summary>Administrative commands of the server binary: <c>token</c> mints a development JWT, <c>keys</c> manages API keys.</summary>
internal static class CliCommands
{
    public static readonly HashSet<string> Names = ["token", "keys"];

    private static readonly HashSet<string> HelpAndVersion = ["--help", "-h", "-?", "/?", "/h", "--version"];

    /// <summary>True for a command, and for <c>--help</c> or <c>--version</c> anywhere: those print and exit, never start a server.</summary>
    public static bool Handles(string[] args) =>
        (args.Length > 0 && Names.Contains(args[0])) || args.Any(HelpAndVersion.Contains);

    public static Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("Herald: a real-time change feed server. Without a command, the server starts and listens until Ctrl+C.");
        root.Subcommands.Add(TokenCommand());
        root.Subcommands.Add(KeyCommands.Create());
        ServerHelp.Attach(root);
        return root.Parse(args).InvokeAsync();
    }

    /// <summary>
    /// The shared <c>token</c>, on the server's own configuration (appsettings.json, <c>HERALD__</c>
    /// variables). Like the server's first start, it makes the secret file when it is missing.
    /// </summary>
    private static Command TokenCommand()
    {
        var configuration = new Lazy<IConfiguration>(() => WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory }).Configuration);
        return Tooling.Tokens.TokenCommand.Create(new TokenCommandSettings
        {
            Out = Console.Out,
            Error = Console.Error,
            Environment = Environment.GetEnvironmentVariable,
            Setting = key => configuration.Value[key],
            CreateSecret = true,
        });
    }
}
