using System.CommandLine;
using Herald.Tooling.Tokens;

namespace Herald.Cli.Token;

/// <summary>
/// <c>herald token</c>: the shared <c>token</c> command, reading the server's configuration from the
/// <c>HERALD__…</c> variables it would read, so it finds the secret the server started here uses.
/// </summary>
internal static class TokenCommand
{
    public static Command Create(CliContext context) => Tooling.Tokens.TokenCommand.Create(new TokenCommandSettings
    {
        Out = context.Out,
        Error = context.Error,
        Environment = context.Environment,
        Setting = TokenCommandSettings.EnvironmentSettings(context.Environment),
        CurrentDirectory = context.CurrentDirectory,
        Time = context.Time,
    });
}
