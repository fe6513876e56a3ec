using Microsoft.AspNetCore.Http;

namespace Herald.AspNetCore.Http;

/// <summary>The paths Herald's HTTP API answers on, as mapped: their errors are Herald's to shape.</summary>
internal sealed class ApiRoutes
{
    private volatile PathString[] _prefixes = [];
    private volatile PathString[] _paths = [];

    /// <summary>Everything under <paramref name="prefix"/> (<c>MapHeraldApi</c>).</summary>
    public void AddPrefix(PathString prefix) => _prefixes = [.. _prefixes, prefix];

    /// <summary>Exactly <paramref name="path"/> (a ticket route, which may share its path with a mount).</summary>
    public void AddPath(PathString path) => _paths = [.. _paths, path];

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
}
