using System.CommandLine;
using Herald.AspNetCore.Authentication;

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

    private static Command TokenCommand()
    {
        var sub = new Option<string>("--sub") { Description = "The subject (user id) of the token.", Required = true };
        var attr = new Option<string>("--attr") { Description = "Comma-separated attributes, e.g. admin,publish.", DefaultValueFactory = _ => "" };
        var ttl = new Option<int>("--ttl") { Description = "Lifetime in seconds.", DefaultValueFactory = _ => 3600 };
        var command = new Command("token", "Mint a development JWT signed with this server's HS256 secret; prints it alone on stdout.")
        {
            sub,
            attr,
            ttl,
        };
        command.SetAction(parse =>
        {
            var lifetime = parse.GetValue(ttl);
            if (lifetime <= 0)
            {
                Console.Error.WriteLine("error: --ttl must be a positive number of seconds");
                return 2;
            }

            // The same configuration as the server (appsettings, HERALD__ variables, ./herald-data secret).
            var builder = HeraldServerApp.CreateBuilder([]);
            using var services = builder.Services.BuildServiceProvider();
            var attributes = parse.GetValue(attr)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Console.WriteLine(services.GetRequiredService<DevTokenIssuer>().Issue(parse.GetValue(sub)!, attributes, TimeSpan.FromSeconds(lifetime)));
            return 0;
        });
        return command;
    }
}
