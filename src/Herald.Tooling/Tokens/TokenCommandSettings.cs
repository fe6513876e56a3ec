using Herald.Tooling.Secrets;

namespace Herald.Tooling.Tokens;

/// <summary>Where a <c>token</c> command runs: its output, its host's configuration and its defaults.</summary>
public sealed class TokenCommandSettings
{
    public required TextWriter Out { get; init; }

    public required TextWriter Error { get; init; }

    /// <summary>The start of every error line, e.g. <c>herald</c> in <c>herald: no JWT secret…</c>.</summary>
    public string Name { get; init; } = "herald";

    /// <summary>Environment variables; <c>HERALD_JWT_SECRET</c> is read from here.</summary>
    public Func<string, string?> Environment { get; init; } = _ => null;

    /// <summary>
    /// The host's configuration by key (<c>Herald:Jwt:Secret</c>, <c>Herald:DataDirectory</c>,
    /// <c>Herald:Jwt:Issuer</c>, <c>Herald:Jwt:Audience</c>): the server's own configuration, or
    /// for the CLI the <c>HERALD__…</c> environment variables that would configure the server.
    /// </summary>
    public Func<string, string?> Setting { get; init; } = _ => null;

    public string CurrentDirectory { get; init; } = Directory.GetCurrentDirectory();

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The configuration key of the data directory (a sample keeps its own).</summary>
    public string DataDirectoryKey { get; init; } = "Herald:DataDirectory";

    public string DefaultDataDirectory { get; init; } = JwtSecretFile.DefaultDataDirectory;

    /// <summary>For the server itself: make the secret file when it is missing, as its first start would.</summary>
    public bool CreateSecret { get; init; }

    public int DefaultTtlSeconds { get; init; } = 3600;

    /// <summary>The configuration keys for the <c>HERALD__…</c> environment variables that set them.</summary>
    public static Func<string, string?> EnvironmentSettings(Func<string, string?> environment) =>
        key => environment(key.Replace(":", "__", StringComparison.Ordinal).ToUpperInvariant()) ?? environment(key.Replace(":", "__", StringComparison.Ordinal));
}
