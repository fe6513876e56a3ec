using System.Collections.Concurrent;
using System.Collections.Frozen;

namespace Herald.Security;

/// <summary>
/// An interned set of attributes. Principals with the same attributes share one instance, and
/// each instance remembers its verdict per <see cref="AttributeRequirement"/>: so per-recipient
/// filtering costs one array read per distinct permission set and rule, not a set lookup per socket.
/// </summary>
public sealed class PermissionSet
{
    private static readonly ConcurrentDictionary<string, PermissionSet> Interned = new(StringComparer.Ordinal);

    private readonly FrozenSet<string> _attributes;

    // 0 = not yet evaluated, 1 = allowed, 2 = denied. Races only ever write the same value.
    private byte[] _verdicts = [];

    private PermissionSet(FrozenSet<string> attributes) => _attributes = attributes;

    public static PermissionSet Empty { get; } = For([]);

    public IReadOnlyCollection<string> Attributes => _attributes;

    public static PermissionSet For(IEnumerable<string> attributes)
    {
        var sorted = attributes.Where(a => !string.IsNullOrWhiteSpace(a)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var key = string.Join('\n', sorted);
        if (Interned.TryGetValue(key, out var existing))
        {
            return existing;
        }

        // Bounded: attribute sets come from signed credentials, but a pathological issuer must
        // not grow this for ever; beyond the bound, sets are simply not shared.
        var created = new PermissionSet(sorted.ToFrozenSet(StringComparer.Ordinal));
        return Interned.Count < 100_000 ? Interned.GetOrAdd(key, created) : created;
    }

    public bool Contains(string attribute) => _attributes.Contains(attribute);

    public bool Satisfies(AttributeRequirement? requirement)
    {
        if (requirement is null)
        {
            return true;
        }

        var verdicts = Volatile.Read(ref _verdicts);
        if ((uint)requirement.Id < (uint)verdicts.Length && verdicts[requirement.Id] != 0)
        {
            return verdicts[requirement.Id] == 1;
        }

        var allowed = requirement.IsSatisfiedBy(_attributes);
        if ((uint)requirement.Id >= (uint)verdicts.Length)
        {
            var grown = new byte[Math.Max(requirement.Id + 1, AttributeRequirement.Count)];
            verdicts.CopyTo(grown, 0);
            verdicts = grown;
            Volatile.Write(ref _verdicts, grown);
        }

        verdicts[requirement.Id] = allowed ? (byte)1 : (byte)2;
        return allowed;
    }
}
