using Herald.Channels;
using Herald.Log;
using Herald.Protocol;
using Herald.Sessions;
using Microsoft.AspNetCore.Http;

namespace Herald.AspNetCore.Transport.ServerSentEvents;

/// <summary>
/// What a stream asks for: <c>channel</c> (repeatable), <c>events</c> (repeatable globs, for every
/// channel of the stream), <c>snapshot</c>, and where to resume: the connect <c>since</c> values
/// and the browser's <c>Last-Event-ID</c>, which wins for the channels it names.
/// </summary>
internal sealed record SseRequest(IReadOnlyList<ServerSubscription> Subscriptions, IReadOnlyList<string> Channels, IReadOnlyDictionary<string, StreamPosition> ResumeAt)
{
    public const string LastEventIdHeader = "Last-Event-ID";
    private const int MaxEvents = 64;

    public static bool TryParse(HttpRequest request, IReadOnlyList<ServerSubscription> mount, string subject, int maxChannels, out SseRequest? parsed, out string? error)
    {
        parsed = null;
        var query = request.Query;
        var events = query["events"].Where(e => !string.IsNullOrEmpty(e)).Select(e => e!).ToArray();
        if (events.Length > MaxEvents)
        {
            error = $"At most {MaxEvents} 'events' globs.";
            return false;
        }

        if (!TryParseSnapshot(query["snapshot"].ToString(), out var snapshot))
        {
            error = "'snapshot' is true or false.";
            return false;
        }

        var subscriptions = mount.Select(s => s with { Channel = s.ChannelFor(subject) }).ToList();
        foreach (var channel in query["channel"])
        {
            if (channel is null || !ChannelName.IsValid(channel))
            {
                error = $"Channel names are 1-128 characters of [A-Za-z0-9_.:@=-]; got '{Shorten(channel)}'.";
                return false;
            }

            if (!subscriptions.Any(s => s.Channel == channel))
            {
                subscriptions.Add(new ServerSubscription(channel, events.Length > 0 ? events : null, snapshot));
            }
        }

        if (subscriptions.Count == 0)
        {
            error = "Name at least one channel: ?channel=<name>, repeatable.";
            return false;
        }

        if (subscriptions.Count > maxChannels)
        {
            error = $"At most {maxChannels} channels per stream (Herald:MaxStreamChannels).";
            return false;
        }

        if (!TryParsePositions(request, out var resumeAt, out error))
        {
            return false;
        }

        parsed = new SseRequest(subscriptions, [.. subscriptions.Select(s => s.Channel)], resumeAt);
        return true;
    }

    private static bool TryParsePositions(HttpRequest request, out IReadOnlyDictionary<string, StreamPosition> positions, out string? error)
    {
        positions = ConnectPositions.None;
        if (!ConnectPositions.TryParse(request.Query[ConnectPositions.QueryName], out var since, out error))
        {
            return false;
        }

        var header = request.Headers[LastEventIdHeader].ToString();
        if (header.Length == 0)
        {
            positions = since;
            return true;
        }

        if (!ConnectPositions.TryParse(header.Split(','), out var last, out error))
        {
            error = "Last-Event-ID is not an id this server sent: " + error;
            return false;
        }

        var merged = new Dictionary<string, StreamPosition>(since, StringComparer.Ordinal);
        foreach (var (channel, position) in last)
        {
            merged[channel] = position;
        }

        positions = merged;
        return true;
    }

    private static bool TryParseSnapshot(string value, out bool snapshot)
    {
        snapshot = value is "1" || value.Equals("true", StringComparison.OrdinalIgnoreCase);
        return snapshot || value.Length == 0 || value is "0" || value.Equals("false", StringComparison.OrdinalIgnoreCase);
    }

    private static string Shorten(string? value) => value is null ? "" : value.Length <= 200 ? value : value[..200] + "…";
}
