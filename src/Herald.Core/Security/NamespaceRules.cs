using Herald.Channels;
using Herald.Configuration;
using Herald.Log;
using Microsoft.Extensions.Options;

namespace Herald.Security;

/// <summary>Finds the policy of a channel's namespace, falling back to the default namespace if one is set.</summary>
public sealed class NamespaceRules
{
    private readonly Dictionary<string, NamespacePolicy> _policies;
    private readonly Dictionary<string, NamespacePolicy>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly NamespacePolicy? _fallback;

    public NamespaceRules(IOptions<HeraldOptions> options)
    {
        var o = options.Value;
        _policies = o.Namespaces.ToDictionary(kv => kv.Key, kv => new NamespacePolicy(kv.Key, kv.Value), StringComparer.OrdinalIgnoreCase);
        _lookup = _policies.GetAlternateLookup<ReadOnlySpan<char>>();
        _fallback = o.DefaultNamespace is { } name ? _policies[name] : null;
    }

    public IEnumerable<NamespacePolicy> All => _policies.Values;

    /// <summary>The policy for a valid channel name, or null when its namespace is unknown.</summary>
    public NamespacePolicy? Resolve(string channel) =>
        _lookup.TryGetValue(ChannelName.NamespaceOf(channel), out var policy) ? policy : _fallback;

    public ChannelRetention RetentionOf(string channel) => Resolve(channel)?.Retention ?? ChannelRetention.Default;
}
