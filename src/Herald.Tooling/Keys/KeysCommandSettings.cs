using System.CommandLine;

namespace Herald.Tooling.Keys;

/// <summary>Where a <c>keys</c> command runs: its output, its backend and how its host reports failures.</summary>
public sealed class KeysCommandSettings
{
    public required TextWriter Out { get; init; }

    public required TextWriter Error { get; init; }

    /// <summary>Opens the backend for one command; the parse result carries the host's own options (a server URL, a credential).</summary>
    public required Func<ParseResult, CancellationToken, ValueTask<IKeyManager>> Open { get; init; }

    /// <summary>The start of every status and error line, e.g. <c>herald</c> in <c>herald: revoked k_…</c>.</summary>
    public string Name { get; init; } = "herald";

    public string Description { get; init; } = "Create, list and revoke API keys.";

    /// <summary>Other names for <c>revoke</c>, e.g. a sample's <c>deactivate</c>.</summary>
    public IReadOnlyList<string> RevokeAliases { get; init; } = [];

    /// <summary>
    /// Tokens the parser does not know are left to <see cref="Open"/> (<c>ParseResult.UnmatchedTokens</c>),
    /// for a host that reads configuration from its command line (<c>--TaskService:DataDirectory dir</c>).
    /// </summary>
    public bool AllowUnmatchedTokens { get; init; }

    /// <summary>Wraps each command's body: the host's way of turning its own exceptions into an exit code.</summary>
    public Func<Func<ParseResult, CancellationToken, Task<int>>, Func<ParseResult, CancellationToken, Task<int>>> Guard { get; init; } = action => action;
}
