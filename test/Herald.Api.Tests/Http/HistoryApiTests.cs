using Herald.Api.Tests.Filtering;
using Herald.Api.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Herald.Api.Tests.Http;

/// <summary>GET /api/channels/{channel}/history: retained events, filtered per recipient like a replay, paged, with the epoch.</summary>
public sealed class HistoryApiTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "herald-history-" + Guid.NewGuid().ToString("N")[..12]);

    public static TheoryData<string> Users => [.. StorageUsers.Matrix.Keys];

    [Theory]
    [MemberData(nameof(Users))]
    public async Task History_holds_exactly_the_events_the_user_may_see(string user)
    {
        await using var server = await HeraldTestServer.StartAsync();
        foreach (var name in StorageUsers.AllEvents)
        {
            await server.PublishAsync("storage:history", name, new { name });
        }

        var (attributes, sees) = StorageUsers.Matrix[user];

        var page = await server.HistoryPageAsync(server.Token(user, attributes), "storage:history");

        page.Str("channel").ShouldBe("storage:history");
        page.EventNames().ShouldBe(sees, ignoreOrder: false, customMessage: $"{user}'s history");
        StorageUsers.AllEvents.Except(sees).Intersect(page.EventNames()).ShouldBeEmpty($"{user} must not see these");
        page.Offsets().ShouldBe(sees.Select(s => (long)Array.IndexOf(StorageUsers.AllEvents, s) + 1), "offsets are the channel's own");
        page.Has("recovered").ShouldBeFalse("no since was given");
        page.GetProperty("has_more").GetBoolean().ShouldBeFalse();
        page.GetProperty("next").Long("offset").ShouldBe(StorageUsers.AllEvents.Length, "the cursor moves past what was left out");
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("sqlite")]
    public async Task Paging_returns_every_visible_event_once_in_order_and_skips_the_hidden_ones(string store)
    {
        await using var server = await HeraldTestServer.StartAsync(Store(store));
        var visible = new List<long>();
        for (var i = 0; i < 23; i++)
        {
            // aips-read sees aip.updated only; runs of hidden events fall inside and at the end of pages.
            var name = i % 3 == 1 || i > 20 ? "aip.created" : "aip.updated";
            var result = await server.PublishAsync("storage:paging", name, new { i });
            if (name == "aip.updated")
            {
                visible.Add(result.Offset);
            }
        }

        var token = server.Token("reader", StorageUsers.AipsRead);

        var pages = await server.AllPagesAsync(token, "storage:paging", limit: 4);

        var offsets = pages.SelectMany(p => p.Offsets()).ToList();
        offsets.ShouldBe(visible, "every visible event exactly once, in order");
        pages.SelectMany(p => p.EventNames()).ShouldAllBe(n => n == "aip.updated");
        pages.Count.ShouldBe((visible.Count + 3) / 4);
        pages.ShouldAllBe(p => p.Events().Count <= 4);
        pages[^1].GetProperty("next").Long("offset").ShouldBe(23, "the last page's cursor is past the trailing hidden events");
        pages.Skip(1).ShouldAllBe(p => p.GetProperty("recovered").GetBoolean());
    }

    [Fact]
    public async Task The_last_cursor_resumes_with_only_what_came_after()
    {
        await using var server = await HeraldTestServer.StartAsync();
        await server.PublishAsync("public:feed", "a");
        var token = server.Token("alice");
        var first = await server.HistoryPageAsync(token, "public:feed");
        await server.PublishAsync("public:feed", "b");

        var next = first.GetProperty("next");
        var second = await server.HistoryPageAsync(token, "public:feed", $"since={next.Long("offset")}&epoch={next.Str("epoch")}");
        var third = await server.HistoryPageAsync(token, "public:feed", $"since={second.GetProperty("next").Long("offset")}");

        second.EventNames().ShouldBe(["b"]);
        second.GetProperty("recovered").GetBoolean().ShouldBeTrue();
        third.EventNames().ShouldBeEmpty();
        third.GetProperty("recovered").GetBoolean().ShouldBeTrue("since without epoch is in the current epoch");
        third.GetProperty("has_more").GetBoolean().ShouldBeFalse();
        third.GetProperty("next").Long("offset").ShouldBe(2);
    }

    [Fact]
    public async Task A_since_of_another_epoch_is_answered_recovered_false_with_the_retained_events()
    {
        await using var server = await HeraldTestServer.StartAsync();
        var published = new[] { await server.PublishAsync("public:epochs", "a"), await server.PublishAsync("public:epochs", "b") };

        var page = await server.HistoryPageAsync(server.Token("alice"), "public:epochs", "since=1&epoch=0123456789abcdef");

        page.GetProperty("recovered").GetBoolean().ShouldBeFalse();
        page.Str("epoch").ShouldBe(published[0].Epoch);
        page.GetProperty("next").Str("epoch").ShouldBe(published[0].Epoch);
        page.EventNames().ShouldBe(["a", "b"], "the page starts at the oldest retained event, not after the foreign offset");
    }

    [Fact]
    public async Task A_since_trimmed_away_is_answered_recovered_false_from_the_oldest_retained_event()
    {
        await using var server = await HeraldTestServer.StartAsync();
        string epoch = "";
        for (var i = 1; i <= 8; i++)
        {
            epoch = (await server.PublishAsync("tiny:trimmed", "e", new { i })).Epoch;
        }

        var token = server.Token("alice");

        var all = await server.HistoryPageAsync(token, "tiny:trimmed");
        var stale = await server.HistoryPageAsync(token, "tiny:trimmed", $"since=1&epoch={epoch}");

        all.Offsets().ShouldBe([4, 5, 6, 7, 8], "tiny keeps 5 events");
        stale.GetProperty("recovered").GetBoolean().ShouldBeFalse();
        stale.Offsets().ShouldBe([4, 5, 6, 7, 8]);
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("sqlite")]
    public async Task Events_older_than_the_history_age_are_not_returned(string store)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var settings = Store(store);
        settings["Herald:Namespaces:aged:HistoryAge"] = "00:01:00";
        await using var server = await HeraldTestServer.StartAsync(settings, services => services.AddSingleton<TimeProvider>(clock));
        var token = server.Token("alice");
        for (var i = 1; i <= 3; i++)
        {
            await server.PublishAsync("aged:feed", "old", new { i });
        }

        clock.Advance(TimeSpan.FromMinutes(2));
        for (var i = 4; i <= 7; i++)
        {
            await server.PublishAsync("aged:feed", "new", new { i });
        }

        var page = await server.HistoryPageAsync(token, "aged:feed");

        page.Offsets().ShouldBe([4, 5, 6, 7]);
        page.EventNames().ShouldAllBe(n => n == "new");
    }

    [Fact]
    public async Task Each_event_is_the_v1_event_message_a_subscriber_receives()
    {
        await using var server = await HeraldTestServer.StartAsync();
        var token = server.Token("alice");
        await using var client = await server.ConnectWelcomedAsync(token);
        await client.SubscribeAsync("public:shape");
        await server.PublishAsync("public:shape", "status", new { state = "up", n = 1.5 }, key: "node:1");
        await server.PublishAsync("public:shape", "status", null, key: "node:1", tombstone: true);
        await server.PublishAsync("public:shape", "plain", new[] { 1, 2 });
        var live = await client.CollectAsync("event", 3);

        var page = await server.HistoryPageAsync(token, "public:shape");

        page.Events().Select(e => e.GetRawText()).ShouldBe(live.Select(e => e.GetRawText()));
        page.Events()[1].GetProperty("tombstone").GetBoolean().ShouldBeTrue();
        page.Events()[2].Has("key").ShouldBeFalse();
    }

    [Fact]
    public async Task An_empty_channel_answers_an_empty_page_whose_cursor_a_subscribe_can_resume_from()
    {
        await using var server = await HeraldTestServer.StartAsync();
        var token = server.Token("alice");

        var page = await server.HistoryPageAsync(token, "public:empty");
        await using var client = await server.ConnectWelcomedAsync(token);
        var subscribed = await client.SubscribeAsync("public:empty", since: new { epoch = page.GetProperty("next").Str("epoch"), offset = page.GetProperty("next").Long("offset") });

        page.Events().ShouldBeEmpty();
        page.GetProperty("has_more").GetBoolean().ShouldBeFalse();
        page.GetProperty("next").Long("offset").ShouldBe(0);
        subscribed.GetProperty("recovered").GetBoolean().ShouldBeTrue();
        subscribed.Str("epoch").ShouldBe(page.Str("epoch"));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    private Dictionary<string, string?> Store(string store) => new()
    {
        ["Herald:Store"] = store,
        ["Herald:DataDirectory"] = _dataDirectory,
    };
}
