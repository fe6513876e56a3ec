namespace Herald.Channels;

/// <summary>A subscription's <c>events</c> filter: a list of globs over event names.</summary>
internal sealed class EventFilter
{
    private readonly string[] _patterns;

    private EventFilter(string[] patterns) => _patterns = patterns;

    /// <summary>Null means "every event", which keeps the delivery path free of a match call.</summary>
    public static EventFilter? Create(IReadOnlyList<string>? patterns)
    {
        if (patterns is null || patterns.Count == 0 || patterns.Contains("*"))
        {
            return null;
        }

        return new EventFilter([.. patterns]);
    }

    public bool Matches(string eventName)
    {
        foreach (var pattern in _patterns)
        {
            if (Glob.IsMatch(pattern, eventName))
            {
                return true;
            }
        }

        return false;
    }
}
