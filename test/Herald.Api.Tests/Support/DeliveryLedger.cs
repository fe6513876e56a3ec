using System.Text.Json;

namespace Herald.Api.Tests.Support;

/// <summary>
/// Every message one connection received, read until a given event arrives, with the checks a
/// client would make on them: per channel in offset order, each at most once (PROTOCOL.md §5.1).
/// </summary>
internal static class DeliveryLedger
{
    /// <summary>Messages until (and including) the event of <paramref name="channel"/> at <paramref name="offset"/>.</summary>
    public static async Task<List<JsonElement>> ReadThroughAsync(this TestClient client, string channel, long offset)
    {
        var messages = new List<JsonElement>();
        while (true)
        {
            var message = await client.NextAsync();
            messages.Add(message);
            if (message.Type() == "event" && message.Str("channel") == channel && message.Long("offset") >= offset)
            {
                return messages;
            }
        }
    }

    /// <summary>Messages until (and including) the reply that echoes <paramref name="id"/>.</summary>
    public static async Task<List<JsonElement>> ReadThroughReplyAsync(this TestClient client, string id)
    {
        var messages = new List<JsonElement>();
        while (true)
        {
            var message = await client.NextAsync();
            messages.Add(message);
            if (message.TryGetProperty("id", out var echoed) && echoed.ValueKind == JsonValueKind.String && echoed.GetString() == id)
            {
                return messages;
            }
        }
    }

    public static List<long> Offsets(this IEnumerable<JsonElement> messages, string channel) =>
        [.. messages.Where(m => m.Type() == "event" && m.Str("channel") == channel).Select(m => m.Long("offset"))];

    /// <summary>Fails unless the offsets strictly increase: no event twice, none out of order.</summary>
    public static void ShouldBeStrictlyIncreasing(this IReadOnlyList<long> offsets)
    {
        for (var i = 1; i < offsets.Count; i++)
        {
            offsets[i].ShouldBeGreaterThan(offsets[i - 1], $"offset {offsets[i]} after {offsets[i - 1]} in [{string.Join(", ", offsets)}]");
        }
    }

    public static async Task<long> PublishManyAsync(this HeraldTestServer server, string channel, string eventName, int count)
    {
        long last = 0;
        for (var i = 0; i < count; i++)
        {
            last = (await server.PublishAsync(channel, eventName, new { i })).Offset;
        }

        return last;
    }
}
