using System.Text;

namespace Herald.Client;

/// <summary>
/// What one Server-Sent Events stream carries: every subscription's channel, with <c>events</c> and
/// <c>snapshot</c> for all of them. So it asks for the widest (the union of the globs, a snapshot if
/// any subscription wants one) and <see cref="Wants"/> narrows per subscription, as the server would
/// have for a subscription's own <c>subscribe</c>.
/// </summary>
internal sealed record StreamRequest(IReadOnlyList<string> Channels, IReadOnlyList<string>? Events, bool Snapshot)
{
    public static StreamRequest For(IEnumerable<HeraldSubscription> subscriptions)
    {
        var channels = new List<string>();
        HashSet<string>? events = new(StringComparer.Ordinal);
        var snapshot = false;
        foreach (var subscription in subscriptions)
        {
            if (subscription.Ended)
            {
                continue;
            }

            channels.Add(subscription.Channel);
            if (subscription.Options.Events is { Count: > 0 } globs && events is not null)
            {
                events.UnionWith(globs);
            }
            else
            {
                events = null;
            }

            snapshot |= subscription.Options.Snapshot;
        }

        return new StreamRequest(channels, events is { Count: > 0 } ? [.. events] : null, snapshot);
    }

    /// <summary>Whether this subscription takes the event: the stream's globs may be wider than its own.</summary>
    public static bool Wants(HeraldSubscription subscription, string eventName) =>
        subscription.Options.Events is not { Count: > 0 } globs || globs.Any(glob => EventGlob.Matches(glob, eventName));

    /// <summary>Adds <c>channel</c>, <c>events</c> and <c>snapshot</c> to a query.</summary>
    public void AppendTo(StringBuilder query)
    {
        foreach (var channel in Channels)
        {
            Append(query, "channel", channel);
        }

        foreach (var glob in Events ?? [])
        {
            Append(query, "events", glob);
        }

        if (Snapshot)
        {
            Append(query, "snapshot", "true");
        }
    }

    private static void Append(StringBuilder query, string name, string value) =>
        query.Append(query.Length == 0 ? "" : "&").Append(name).Append('=').Append(Uri.EscapeDataString(value));
}
