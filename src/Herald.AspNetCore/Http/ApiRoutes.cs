using Microsoft.AspNetCore.Http;

namespace Herald.AspNetCore.Http;

/// <summary>The paths Herald's HTTP API answers on, as mapped: their errors are Herald's to shape.</summary>
internal sealed class ApiRoutes
{
    private volatile PathString[] _prefixes = [];
    private volatile PathString[] _paths = [];

    /// <summary>Everything under <paramref name="prefix"/> (<c>MapHeraldApi</c>).</summary>
    public void AddPrefix(string prefix) => _prefixes = [.. _prefixes, Normalize(prefix)];

    /// <summary>Exactly <paramref name="path"/> (a ticket route, which may share its path with a mount).</summary>
    public void AddPath(string path) => _paths = [.. _paths, Normalize(path)];

    public bool Covers(PathString path)
    {
        foreach (var prefix in _prefixes)
        {
            if (path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        foreach (var exact in _paths)
        {
            if (path.Equals(exact, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    // Route patterns may leave out the leading '/' and keep a trailing one; "/" is the whole application.
    private static PathString Normalize(string pattern) => pattern.Trim('/') is { Length: > 0 } trimmed ? new PathString("/" + trimmed) : PathString.Empty;
}
