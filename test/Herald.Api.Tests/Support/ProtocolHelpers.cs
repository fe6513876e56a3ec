using System.Text.Json;

namespace Herald.Api.Tests.Support;

internal static class ProtocolHelpers
{
    /// <summary>Subscribes and returns the <c>subscribed</c> reply (which must echo the id).</summary>
    public static async Task<JsonElement> SubscribeAsync(this TestClient client, string channel, string id = "s", string[]? events = null, bool snapshot = false, object? since = null)
    {
        var message = new Dictionary<string, object?> { ["type"] = "subscribe", ["id"] = id, ["channel"] = channel };
        if (events is not null)
        {
            message["events"] = events;
        }

        if (snapshot)
        {
            message["snapshot"] = true;
        }

        if (since is not null)
        {
            message["since"] = since;
        }

        await client.SendAsync(message);
        var reply = await client.NextAsync();
        reply.Type().ShouldBe("subscribed", reply.GetRawText());
        reply.Str("id").ShouldBe(id);
        reply.Str("channel").ShouldBe(channel);
        return reply;
    }

    /// <summary>Event names received until (and not including) the event named <paramref name="marker"/>; fails on anything but events.</summary>
    public static async Task<List<string>> EventsUntilAsync(this TestClient client, string marker)
    {
        var names = new List<string>();
        while (true)
        {
            var message = await client.NextAsync();
            message.Type().ShouldBe("event", message.GetRawText());
            var name = message.Str("event");
            if (name == marker)
            {
                return names;
            }

            names.Add(name);
        }
    }

    /// <summary>Asserts the connection still answers: a ping gets its pong, and nothing else comes first.</summary>
    public static async Task ShouldAnswerPingAsync(this TestClient client, string id = "p")
    {
        await client.SendAsync(new { type = "ping", id });
        var pong = await client.NextAsync();
        pong.Type().ShouldBe("pong", pong.GetRawText());
        pong.Str("id").ShouldBe(id);
    }
}
