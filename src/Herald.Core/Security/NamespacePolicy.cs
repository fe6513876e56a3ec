using System.Collections.Concurrent;
using Herald.Channels;
using Herald.Configuration;
using Herald.Log;

namespace Herald.Security;

/// <summary>One namespace's options compiled for the hot path.</summary>
public sealed class NamespacePolicy
{
    private const int MaxCachedEventNames = 10_000;

    private readonly (string Glob, AttributeRequirement Requirement)[] _eventRules;
    private readonly string[] _channelTemplates;
    private readonly ConcurrentDictionary<string, AttributeRequirement?> _eventCache = new(StringComparer.Ordinal);

    internal NamespacePolicy(string name, NamespaceOptions options)
    {
        Name = name;
        SubscribeRequirement = AttributeRequirement.From(options.SubscribeAttributes);
        PublishRequirement = AttributeRequirement.From(options.PublishAttributes ?? ["publish"]);
        _channelTemplates = [.. options.SubscribeChannels];
        _eventRules = [.. options.EventRules.Select(r => (r.Events, new AttributeRequirement(r.Attributes)))];
        Retention = new ChannelRetention(options.HistorySize, options.HistoryAge, options.MaxKeys);
    }

    public string Name { get; }

    public AttributeRequirement? SubscribeRequirement { get; }

    public AttributeRequirement? PublishRequirement { get; }

    public ChannelRetention Retention { get; }

    /// <summary>What a recipient needs to see an event of this name; null when anyone subscribed may.</summary>
    public AttributeRequirement? RequirementFor(string eventName)
    {
        if (_eventRules.Length == 0)
        {
            return null;
        }

        if (_eventCache.TryGetValue(eventName, out var cached))
        {
            return cached;
        }

        AttributeRequirement? found = null;
        foreach (var (glob, requirement) in _eventRules)
        {
            if (Glob.IsMatch(glob, eventName))
            {
                found = requirement;
                break;
            }
        }

        if (_eventCache.Count < MaxCachedEventNames)
        {
            _eventCache.TryAdd(eventName, found);
        }

        return found;
    }

    /// <summary>The namespace's own rules (attributes and channel templates); application authorizers run after.</summary>
    public bool AllowsSubscribe(HeraldPrincipal principal, string channel)
    {
        if (!principal.Permissions.Satisfies(SubscribeRequirement))
        {
            return false;
        }

        if (_channelTemplates.Length == 0)
        {
            return true;
        }

        foreach (var template in _channelTemplates)
        {
            if (MatchesTemplate(template, principal.Subject, channel))
            {
                return true;
            }
        }

        return false;
    }

    public bool AllowsPublish(HeraldPrincipal principal) => principal.Permissions.Satisfies(PublishRequirement);

    private static bool MatchesTemplate(string template, string subject, string channel)
    {
        if (!template.Contains("{sub}", StringComparison.Ordinal))
        {
            return Glob.IsMatch(template, channel);
        }

        // A subject is data, not a pattern: one holding '*' must not widen the template.
        return !subject.Contains('*') && Glob.IsMatch(template.Replace("{sub}", subject, StringComparison.Ordinal), channel);
    }
}
