using Herald.EntityFrameworkCore.Relay;
using Herald.EntityFrameworkCore.Tests.Support;

namespace Herald.EntityFrameworkCore.Tests;

/// <summary>The relay across the failures the outbox exists for: crashes, restarts, Herald down, bad rows.</summary>
public sealed class RelayTests : IAsyncLifetime
{
    private readonly TempDatabase _database = new();
    private HeraldHost _herald = null!;

    public async Task InitializeAsync() => _herald = await HeraldHost.StartAsync();

    public async Task DisposeAsync()
    {
        await _herald.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task Rows_committed_while_the_relay_was_dead_go_out_once_after_restart()
    {
        var stuck = new FaultyPublisher(_herald.Publisher) { Behaviour = FaultyPublisher.Mode.HangBefore };
        await using (var app = await AppHost.StartAsync(_database.Path, stuck))
        {
            await SaveWidgetsAsync(app, 3);
            await Eventually.TrueAsync(() => Task.FromResult(stuck.Attempts > 0), "the relay picked the rows up");
            await app.StopAsync();
            (await app.OutboxAsync()).ShouldAllBe(m => m.ProcessedAt == null);
        }

        (await _herald.EventsAsync()).ShouldBeEmpty();
        await using (var restarted = await AppHost.StartAsync(_database.Path, _herald.Publisher))
        {
            await Eventually.TrueAsync(async () => (await restarted.OutboxAsync()).All(m => m.ProcessedAt != null), "rows relayed after restart");
        }

        var events = await _herald.EventsAsync();
        events.Count.ShouldBe(3);
        events.Select(e => e.Offset).ShouldBe([1L, 2, 3]);
    }

    [Fact]
    public async Task A_crash_after_Herald_committed_but_before_the_rows_were_marked_duplicates_nothing()
    {
        var crashing = new FaultyPublisher(_herald.Publisher) { Behaviour = FaultyPublisher.Mode.HangAfter };
        List<string?> keys;
        await using (var app = await AppHost.StartAsync(_database.Path, crashing))
        {
            keys = await SaveWidgetsAsync(app, 3);

            // The relay's first batch reached Herald's log, and then the relay "died" before marking it.
            await Eventually.TrueAsync(async () => (await _herald.EventsAsync()).Count > 0, "Herald committed a batch");
            await app.StopAsync();
            (await app.OutboxAsync()).ShouldAllBe(m => m.ProcessedAt == null);
        }

        await using (var restarted = await AppHost.StartAsync(_database.Path, _herald.Publisher))
        {
            await Eventually.TrueAsync(async () => (await restarted.OutboxAsync()).All(m => m.ProcessedAt != null), "rows marked done after restart");
            await SaveWidgetsAsync(restarted, 1);
            await Eventually.TrueAsync(async () => (await _herald.EventsAsync()).Count >= 4, "the next change");
        }

        var events = await _herald.EventsAsync();
        events.Count.ShouldBe(4);
        events.Take(3).Select(e => e.Key).ShouldBe(keys);
    }

    [Fact]
    public async Task SaveChanges_succeeds_while_Herald_is_down_and_the_rows_go_out_once_it_is_back()
    {
        var flaky = new FaultyPublisher(_herald.Publisher) { Behaviour = FaultyPublisher.Mode.Down };
        await using var app = await AppHost.StartAsync(_database.Path, flaky);
        var keys = await SaveWidgetsAsync(app, 2);
        await Eventually.TrueAsync(() => Task.FromResult(flaky.Attempts >= 3), "the relay retried");
        (await _herald.EventsAsync()).ShouldBeEmpty();

        flaky.Behaviour = FaultyPublisher.Mode.Working;
        await Eventually.TrueAsync(async () => (await app.OutboxAsync()).All(m => m.ProcessedAt != null), "rows relayed once Herald is back");
        (await _herald.EventsAsync()).Select(e => e.Key).ShouldBe(keys);
    }

    [Fact]
    public async Task A_row_Herald_refuses_for_good_is_set_aside_and_does_not_block_the_rest()
    {
        await using var app = await AppHost.StartAsync(_database.Path, _herald.Publisher);
        await using (var scope = app.Scope(out var db))
        {
            db.Widgets.Add(new Widget { Name = "before" });
            db.Strays.Add(new Stray());
            db.Widgets.Add(new Widget { Name = "after" });
            await db.SaveChangesAsync();
        }

        await Eventually.TrueAsync(async () => (await app.OutboxAsync()).All(m => m.ProcessedAt != null), "every row handled");
        var rows = await app.OutboxAsync();
        rows.Single(m => m.Channel == "nowhere:1").Error.ShouldStartWith("INVALID_CHANNEL");
        rows.Where(m => m.Channel == "storage").ShouldAllBe(m => m.Error == null);
        (await _herald.EventsAsync()).Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_row_whose_data_escapes_a_lone_surrogate_is_set_aside_and_the_rows_after_it_go_out()
    {
        // As another process's JSON.stringify would write it: valid JSON, but no well-formed text.
        await using var app = await AppHost.StartAsync(_database.Path, _herald.Publisher);
        await using (var scope = app.Scope(out var db))
        {
            db.Set<HeraldOutboxMessage>().Add(new HeraldOutboxMessage
            {
                MessageId = Guid.NewGuid(),
                Channel = TestPublishing.Channel,
                Event = "widget.imported",
                Data = """{"name":"half an emoji \ud83d"}""",
                CreatedAt = DateTime.UtcNow,
            });
            db.Widgets.Add(new Widget { Name = "after" });
            db.Widgets.Add(new Widget { Name = "and after" });
            await db.SaveChangesAsync();
        }

        await Eventually.TrueAsync(async () => (await app.OutboxAsync()).All(m => m.ProcessedAt != null), "every row handled");
        var rows = await app.OutboxAsync();
        rows.Single(m => m.Event == "widget.imported").Error.ShouldStartWith("BAD_REQUEST");
        rows.Where(m => m.Event == "widget.created").ShouldAllBe(m => m.Error == null);
        (await _herald.EventsAsync()).Select(e => e.Event).ShouldBe(["widget.created", "widget.created"]);
    }

    [Fact]
    public async Task A_row_whose_text_holds_a_raw_lone_surrogate_is_set_aside_not_altered()
    {
        // A UTF-16 column (SQL Server's nvarchar) keeps a lone surrogate that SQLite would already have replaced.
        var publisher = new OutboxBatchPublisher(_herald.Publisher);
        HeraldOutboxMessage Row(long id, string data) =>
            new() { Id = id, MessageId = Guid.NewGuid(), Channel = TestPublishing.Channel, Event = "widget.created", Data = data };

        var outcome = await publisher.PublishAsync([Row(1, "\"fine\""), Row(2, "\"half \ud83d\""), Row(3, "\"fine too\"")], CancellationToken.None);

        outcome.Published.Select(r => r.Id).ShouldBe([1L]);
        outcome.Rejected.ShouldNotBeNull().Row.Id.ShouldBe(2);
        outcome.Rejected.Code.ShouldBe("BAD_REQUEST");
        (await _herald.EventsAsync()).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_commit_wakes_the_relay_without_waiting_for_the_poll()
    {
        // The poll is five minutes: only the commit's wake-up can bring the event in time.
        await using var app = await AppHost.StartAsync(_database.Path, _herald.Publisher, pollInterval: TimeSpan.FromMinutes(5));
        await SaveWidgetsAsync(app, 1);
        await Eventually.TrueAsync(async () => (await _herald.EventsAsync()).Count == 1, "the event, well before the poll", TimeSpan.FromSeconds(10));
    }

    private static async Task<List<string?>> SaveWidgetsAsync(AppHost app, int count)
    {
        var keys = new List<string?>();
        await using var scope = app.Scope(out var db);
        for (var i = 0; i < count; i++)
        {
            var widget = new Widget { Name = "w" + i };
            db.Widgets.Add(widget);
            await db.SaveChangesAsync();
            keys.Add($"widget:{widget.Id}");
        }

        return keys;
    }
}
