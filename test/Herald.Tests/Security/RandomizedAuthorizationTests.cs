using System.Text.Json;
using Herald.Channels;
using Herald.Sources;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Tests.Security;

/// <summary>
/// Users with random attribute sets subscribe to random channels of several namespaces while
/// random events are published. Against an independent model of the rules: every refusal and
/// every acceptance is right, every delivered event was allowed, every allowed one delivered.
/// </summary>
public sealed class RandomizedAuthorizationTests
{
    private static readonly string[] Attributes = ["admin", "storage:locations:list", "storage:aips:list", "storage:aips:read", "storage:aips:workflows:list"];
    private static readonly string[] Events = ["location.created", "location.updated", "aip.created", "aip.updated", "workflow.created", "workflow.updated", "task.created", "task.updated", "note.added"];
    private static readonly string[] Globs = ["aip.*", "*.updated", "task.*", "location.created", "note.*"];

    [Theory]
    [InlineData(7, 2500)]
    [InlineData(1234, 2500)]
    public async Task Every_delivered_event_was_allowed_and_every_allowed_event_was_delivered(int seed, int events)
    {
        var rng = new Random(seed);
        await using var server = await HeraldTestServer.StartAsync(new() { ["Herald:SendQueueCapacity"] = "100000" });
        var users = Enumerable.Range(0, 10).Select(i => new User($"u{i}", [.. Attributes.Where(_ => rng.NextDouble() < 0.4)])).ToList();
        string[] channels = ["public:a", "public:b", "admin:ops", "admin:audit", "storage", "storage:eu", .. users.Take(4).Select(u => "user:" + u.Name)];

        foreach (var user in users)
        {
            user.Client = await server.ConnectWelcomedAsync(server.Token(user.Name, [.. user.Attributes]));
            foreach (var channel in channels.Where(_ => rng.NextDouble() < 0.5))
            {
                string[]? filter = rng.NextDouble() < 0.3 ? [.. Globs.Where(_ => rng.NextDouble() < 0.4), "zz.end"] : null;
                await user.Client.SendAsync(new { type = "subscribe", id = channel, channel, events = filter });
                var answer = await user.Client.NextAsync();
                var allowed = Model.MaySubscribe(user, channel);
                answer.Type().ShouldBe(allowed ? "subscribed" : "error", $"{user.Name} → {channel}: {answer.GetRawText()}");
                if (allowed)
                {
                    user.Subscriptions[channel] = filter;
                }
            }
        }

        var published = new List<(string Channel, string Event, long Offset)>();
        var publisher = server.Services.GetRequiredService<IHeraldPublisher>();
        for (var batch = 0; batch < events / 250; batch++)
        {
            var requests = Enumerable.Range(0, 250)
                .Select(_ => PublishRequest.WithoutData(channels[rng.Next(channels.Length)], Events[rng.Next(Events.Length)]))
                .ToList();
            var results = await publisher.PublishBatchAsync(requests);
            published.AddRange(requests.Zip(results, (r, p) => (r.Channel, r.Event, p.Offset)));
        }

        foreach (var channel in channels)
        {
            await publisher.PublishAsync(PublishRequest.WithoutData(channel, "zz.end"));
        }

        foreach (var user in users)
        {
            var delivered = await ReceiveUntilEndAsync(user);
            foreach (var (channel, filter) in user.Subscriptions)
            {
                var expected = published.Where(p => p.Channel == channel && Model.MaySee(user, channel, p.Event, filter)).Select(p => p.Offset);
                delivered.GetValueOrDefault(channel, []).ShouldBe(expected, $"{user.Name} on {channel} (attributes: {string.Join(',', user.Attributes)})");
            }

            delivered.Keys.ShouldBeSubsetOf(user.Subscriptions.Keys);
            await user.Client!.DisposeAsync();
        }
    }

    private static async Task<Dictionary<string, List<long>>> ReceiveUntilEndAsync(User user)
    {
        var delivered = new Dictionary<string, List<long>>();
        var ended = new HashSet<string>();
        while (ended.Count < user.Subscriptions.Count)
        {
            var message = await user.Client!.NextOfTypeAsync("event");
            var channel = message.Str("channel");
            if (message.Str("event") == "zz.end")
            {
                ended.Add(channel);
                continue;
            }

            ended.ShouldNotContain(channel, "nothing may follow the end marker");
            (delivered.TryGetValue(channel, out var list) ? list : delivered[channel] = []).Add(message.Long("offset"));
        }

        return delivered;
    }

    private sealed class User(string name, string[] attributes)
    {
        public string Name { get; } = name;

        public string[] Attributes { get; } = attributes;

        public TestClient? Client { get; set; }

        public Dictionary<string, string[]?> Subscriptions { get; } = [];
    }

    /// <summary>The rules of TestSettings, written out independently of the server's code.</summary>
    private static class Model
    {
        public static bool MaySubscribe(User user, string channel) => channel.Split(':')[0] switch
        {
            "admin" => user.Attributes.Contains("admin"),
            "user" => channel == "user:" + user.Name,
            _ => true,
        };

        public static bool MaySee(User user, string channel, string eventName, string[]? filter)
        {
            if (filter is not null && !filter.Any(g => Glob.IsMatch(g, eventName)))
            {
                return false;
            }

            if (!channel.StartsWith("storage", StringComparison.Ordinal))
            {
                return true;
            }

            var needed = eventName switch
            {
                "location.created" or "location.updated" => "storage:locations:list",
                "aip.created" => "storage:aips:list",
                "aip.updated" => "storage:aips:read",
                _ when eventName.StartsWith("workflow.", StringComparison.Ordinal) || eventName.StartsWith("task.", StringComparison.Ordinal) => "storage:aips:workflows:list",
                _ => null,
            };
            return needed is null || user.Attributes.Contains(needed);
        }
    }
}
