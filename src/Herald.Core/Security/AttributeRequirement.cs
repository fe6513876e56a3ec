namespace Herald.Security;

/// <summary>A set of attributes that must all be present. Each instance gets a small dense id for verdict caching.</summary>
public sealed class AttributeRequirement
{
    private static int s_count;

    public AttributeRequirement(IEnumerable<string> attributes)
    {
        Attributes = [.. attributes];
        Id = Interlocked.Increment(ref s_count) - 1;
    }

    internal static int Count => Volatile.Read(ref s_count);

    public IReadOnlyList<string> Attributes { get; }

    internal int Id { get; }

    /// <summary>Null when nothing is required, so callers can skip the check entirely.</summary>
    public static AttributeRequirement? From(IReadOnlyCollection<string>? attributes) =>
        attributes is null || attributes.Count == 0 ? null : new AttributeRequirement(attributes);

    public bool IsSatisfiedBy(IReadOnlySet<string> granted)
    {
        foreach (var attribute in Attributes)
        {
            if (!granted.Contains(attribute))
            {
                return false;
            }
        }

        return true;
    }

    public override string ToString() => string.Join(", ", Attributes);
}
