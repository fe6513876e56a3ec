using System.Text.Json;

namespace TaskService.Tests.Support;

public static class RoomClientExtensions
{
    private static int _ids;

    /// <summary>Sends <c>subscribe</c> and returns the reply to it (<c>subscribed</c> or <c>error</c>).</summary>
    public static async Task<JsonElement> SubscribeAsync(this TestClient client, string room)
    {
        var id = Interlocked.Increment(ref _ids);
        await client.SendAsync(new { type = "subscribe", id, channel = room });
        while (true)
        {
            var reply = await client.NextAsync();
            if (reply.TryGetProperty("id", out var replyId) && replyId.GetInt32() == id)
            {
                return reply;
            }
        }
    }

    /// <summary>The next <paramref name="count"/> events, in order (other messages skipped).</summary>
    public static Task<List<JsonElement>> EventsAsync(this TestClient client, int count) => client.CollectAsync("event", count);

    /// <summary>An event as "NAME task:ID" for comparing whole sequences.</summary>
    public static string Describe(this JsonElement e) => $"{e.Str("event")} task:{e.GetProperty("data").Long("task_id")}";

    public static JsonElement Data(this JsonElement e) => e.GetProperty("data");

    public static JsonElement Changes(this JsonElement e) => e.GetProperty("data").GetProperty("changes");

    public static string[] Names(this JsonElement obj) => [.. obj.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];
}
