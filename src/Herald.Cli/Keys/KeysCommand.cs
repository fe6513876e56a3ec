using System.CommandLine;
using Herald.Tooling.Keys;

namespace Herald.Cli.Keys;

/// <summary><c>herald keys create|list|revoke</c>: the shared <c>keys</c> command over the server's <c>/api/keys</c>, for an admin.</summary>
internal static class KeysCommand
{
    public static Command Create(GlobalOptions global, CliContext context) => Tooling.Keys.KeysCommand.Create(new KeysCommandSettings
    {
        Out = context.Out,
        Error = context.Error,
        Description = "Manage API keys (needs an admin credential).",
        Open = (parse, _) => ValueTask.FromResult<IKeyManager>(new HttpKeyManager(new HeraldApi(global.Resolve(parse, context), context))),
        Guard = action => CliApp.Guard(context, action),
    });
}
