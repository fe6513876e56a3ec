using Herald.Log;
using Herald.Security;

namespace Herald.WireFormats;

/// <summary>What a format may know of a new connection when it creates its <see cref="WireConnection"/>.</summary>
public sealed class WireConnectContext
{
    private readonly Func<string, IReadOnlyList<string>> _query;
    private readonly Func<string, string?> _header;

    public WireConnectContext(
        HeraldPrincipal principal,
        IReadOnlyList<string> serverChannels,
        IReadOnlyDictionary<string, StreamPosition> resumeAt,
        Func<string, IReadOnlyList<string>> query,
        Func<string, string?> header)
    {
        Principal = principal;
        ServerChannels = serverChannels;
        ResumeAt = resumeAt;
        _query = query;
        _header = header;
    }

    public HeraldPrincipal Principal { get; }

    /// <summary>The channels of the mount's server-side subscriptions for this principal, which the session subscribes before any other command.</summary>
    public IReadOnlyList<string> ServerChannels { get; }

    /// <summary>The upgrade's <c>since</c> parameters (<c>&lt;epoch&gt;:&lt;offset&gt;:&lt;channel&gt;</c>), by channel.</summary>
    public IReadOnlyDictionary<string, StreamPosition> ResumeAt { get; }

    /// <summary>The values of one query parameter of the upgrade request (none: empty).</summary>
    public IReadOnlyList<string> Query(string name) => _query(name);

    /// <summary>The server's clock, for timestamps in replies.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>One request header of the upgrade, or null.</summary>
    public string? Header(string name) => _header(name);
}
