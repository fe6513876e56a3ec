namespace Herald.Client;

/// <summary>The protocol's event globs: <c>*</c> matches any run of characters, everything else itself.</summary>
internal static class EventGlob
{
    public static bool Matches(string glob, string name)
    {
        var star = glob.IndexOf('*', StringComparison.Ordinal);
        if (star < 0)
        {
            return string.Equals(glob, name, StringComparison.Ordinal);
        }

        var parts = glob.Split('*');
        var first = parts[0];
        var last = parts[^1];
        if (name.Length < first.Length + last.Length || !name.StartsWith(first, StringComparison.Ordinal) || !name.EndsWith(last, StringComparison.Ordinal))
        {
            return false;
        }

        var at = first.Length;
        var stop = name.Length - last.Length;
        foreach (var part in parts[1..^1])
        {
            var found = name.IndexOf(part, at, StringComparison.Ordinal);
            if (found < 0 || found + part.Length > stop)
            {
                return false;
            }

            at = found + part.Length;
        }

        return true;
    }
}
