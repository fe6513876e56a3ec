using System.CommandLine;
using Herald.Tooling.Secrets;

namespace Herald.Tooling.Tokens;

/// <summary>
/// <c>token --sub alice --attr admin,publish [--ttl 3600]</c>: a development JWT signed with the
/// secret the running server uses, alone on stdout. The one implementation behind the server's,
/// the samples' and the <c>herald</c> CLI's <c>token</c>.
/// </summary>
public static class TokenCommand
{
    public static Command Create(TokenCommandSettings settings)
    {
        var sub = new Option<string>("--sub") { Description = "The subject (user id).", Required = true };
        var attr = new Option<string[]>("--attr") { Description = "Attributes, comma-separated or repeated, e.g. admin,publish.", AllowMultipleArgumentsPerToken = true };
        var ttl = new Option<int>("--ttl") { Description = "Lifetime in seconds.", DefaultValueFactory = _ => settings.DefaultTtlSeconds };
        var secret = new Option<string?>("--secret") { Description = $"The HS256 secret. Default: $HERALD_JWT_SECRET, else {settings.DataDirectoryKey.Replace(":", "__", StringComparison.Ordinal).ToUpperInvariant()}, else <data-dir>/{JwtSecretFile.FileName}." };
        var dataDir = new Option<string?>("--data-dir") { Description = $"The server's data directory, where it generated {JwtSecretFile.FileName}. Default: {settings.DataDirectoryKey}, else ./{settings.DefaultDataDirectory}." };
        var issuer = new Option<string?>("--issuer") { Description = "The iss claim, when the server checks Herald:Jwt:Issuer." };
        var audience = new Option<string?>("--audience") { Description = "The aud claim, when the server checks Herald:Jwt:Audience." };
        var command = new Command("token", "Mint a development JWT (HS256) signed with the server's secret; prints it alone on stdout.") { sub, attr, ttl, secret, dataDir, issuer, audience };
        command.SetAction(parse =>
        {
            try
            {
                var lifetime = parse.GetValue(ttl);
                if (lifetime <= 0)
                {
                    throw new ToolingException("--ttl must be a positive number of seconds");
                }

                var attributes = (parse.GetValue(attr) ?? []).SelectMany(a => a.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                var key = FindSecret(settings, parse.GetValue(secret), parse.GetValue(dataDir));
                settings.Out.WriteLine(DevJwt.Create(
                    key,
                    parse.GetValue(sub)!,
                    attributes,
                    TimeSpan.FromSeconds(lifetime),
                    settings.Time.GetUtcNow(),
                    parse.GetValue(issuer) ?? settings.Setting("Herald:Jwt:Issuer"),
                    parse.GetValue(audience) ?? settings.Setting("Herald:Jwt:Audience")));
                return 0;
            }
            catch (ToolingException ex)
            {
                settings.Error.WriteLine(settings.Name + ": " + ex.Message);
                return ToolingException.UsageExitCode;
            }
        });
        return command;
    }

    /// <summary>The server's order: <c>--secret</c>, <c>HERALD_JWT_SECRET</c>, the configured secret, the data directory's file.</summary>
    private static string FindSecret(TokenCommandSettings settings, string? option, string? dataDirectoryOption)
    {
        if (!string.IsNullOrWhiteSpace(option))
        {
            return option.Trim();
        }

        if (settings.Environment("HERALD_JWT_SECRET") is { Length: > 0 } fromEnvironment)
        {
            return fromEnvironment.Trim();
        }

        // An explicit --data-dir names the server to mint for; the configured secret belongs to another one.
        if (string.IsNullOrWhiteSpace(dataDirectoryOption) && settings.Setting("Herald:Jwt:Secret") is { Length: > 0 } configured)
        {
            return configured.Trim();
        }

        var directory = JwtSecretFile.DataDirectory(dataDirectoryOption, settings.Setting(settings.DataDirectoryKey), settings.DefaultDataDirectory, settings.CurrentDirectory);
        if (settings.CreateSecret)
        {
            string? created = null;
            JwtSecretFile.EnsureConfigured(_ => null, (_, value) => created = value, directory);
            return created!;
        }

        return JwtSecretFile.Read(directory)
            ?? throw new ToolingException($"no JWT secret in {Path.Combine(directory, JwtSecretFile.FileName)}: start the server there first, pass --secret or --data-dir, or set HERALD_JWT_SECRET");
    }
}
