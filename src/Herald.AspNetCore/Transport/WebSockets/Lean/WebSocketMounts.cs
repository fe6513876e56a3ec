using System.Text;

namespace Herald.AspNetCore.Transport.WebSockets.Lean;

/// <summary>
/// The WebSocket mounts of this application by literal path, for the lean connection handler, which
/// answers upgrades before routing. A mount whose pattern has route parameters is left to routing.
/// </summary>
internal sealed class WebSocketMounts
{
    private volatile (byte[] Path, WebSocketEndpoint Endpoint)[] _mounts = [];

    public void Add(string pattern, WebSocketEndpoint endpoint)
    {
        if (pattern.AsSpan().IndexOfAny('{', '*', '%') >= 0)
        {
            return;
        }

        var path = "/" + pattern.Trim('/');
        _mounts = [.. _mounts, (Encoding.ASCII.GetBytes(path), endpoint)];
    }

    /// <summary>The mount at exactly <paramref name="path"/> (ASCII, compared as routing does: ignoring case).</summary>
    public WebSocketEndpoint? Find(ReadOnlySpan<byte> path)
    {
        foreach (var (mounted, endpoint) in _mounts)
        {
            if (Ascii.EqualsIgnoreCase(path, mounted))
            {
                return endpoint;
            }
        }

        return null;
    }
}
