using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace Herald.Server.Commands;

/// <summary>
/// <c>Herald.Server --help</c>: the commands and options System.CommandLine lists, then the
/// settings the host reads from the command line (<c>--Herald:Key value</c>), which are
/// configuration keys rather than options the parser could declare.
/// </summary>
internal sealed class ServerHelp(HelpAction standard) : SynchronousCommandLineAction
{
    private static readonly (string Setting, string Meaning)[] Settings =
    [
        ("--Herald:Store <sqlite|postgres|redis|memory>", "The event log. Default: sqlite, in <DataDirectory>/herald.db."),
        ("--Herald:DataDirectory <path>", "The generated JWT secret and the SQLite database. Default: herald-data."),
        ("--Herald:Postgres:ConnectionString <cs>", "The shared PostgreSQL store when Store is postgres (many nodes)."),
        ("--Herald:Redis:ConnectionString <cs>", "The shared Redis when Store is redis (many nodes; ConnectionStrings:0.. to shard)."),
        ("--Herald:NodeId <name>", "This node's name in welcome and stats. Default: the host name."),
        ("--Herald:Jwt:PublicKeyFile <path>", "Verify RS256/ES256 tokens with this PEM public key."),
        ("--Herald:AllowedOrigins:0 <origin>", "A browser origin allowed besides the server's own (* for any)."),
        ("--Herald:ClusterFeed <true|false>", "The cluster channel, /ws/cluster and /metrics. Default: true."),
    ];

    public static void Attach(RootCommand root)
    {
        root.Options.Add(new Option<string>("--urls")
        {
            Description = $"The addresses to listen on, ';'-separated. Default: {HeraldServerApp.DefaultUrl}.",
            HelpName = "urls",
        });
        root.Options.Add(new Option<string>("--environment")
        {
            Description = "Development, Staging or Production (reads appsettings.<environment>.json). Default: Production.",
            HelpName = "name",
        });

        foreach (var option in root.Options)
        {
            if (option is HelpOption { Action: HelpAction help } helpOption)
            {
                helpOption.Action = new ServerHelp(help);
            }
        }
    }

    public override int Invoke(ParseResult parseResult)
    {
        var result = standard.Invoke(parseResult);
        if (parseResult.CommandResult.Command is not RootCommand)
        {
            return result;
        }

        var output = parseResult.InvocationConfiguration.Output;
        output.WriteLine("Settings (without a command, the server starts with them):");
        var width = Settings.Max(s => s.Setting.Length) + 2;
        foreach (var (setting, meaning) in Settings)
        {
            output.WriteLine("  " + setting.PadRight(width) + meaning);
        }

        output.WriteLine();
        output.WriteLine("Every key of the Configuration table in README.md can be set the same way (--Herald:PingInterval 10),");
        output.WriteLine("as an environment variable with __ for : (HERALD__PINGINTERVAL=10, Herald__Jwt__Secret=...),");
        output.WriteLine("or in appsettings.json next to the binary. Keep secrets in the environment, not on the command line.");
        return result;
    }
}
