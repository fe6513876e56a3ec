using System.Text.Json;
using Herald.EntityFrameworkCore.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Herald.EntityFrameworkCore.Tests;

/// <summary>What SaveChanges writes to the outbox, and that exactly the committed changes reach Herald.</summary>
public sealed class CaptureTests : IAsyncLifetime
{
    private readonly TempDatabase _database = new();
    private HeraldHost _herald = null!;
    private AppHost _app = null!;

    public async Task InitializeAsync()
    {
        _herald = await HeraldHost.StartAsync();
        _app = await AppHost.StartAsync(_database.Path, _herald.Publisher);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _herald.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task Committed_changes_are_published_once_in_commit_order()
    {
        var a = new Widget { Name = "a" };
        var b = new Widget { Name = "b" };
        await using (var scope = _app.Scope(out var db))
        {
            db.Widgets.Add(a);
            db.Widgets.Add(b);
            db.SaveChanges();
            a.Name = "a2";
            await db.SaveChangesAsync();
            b.Status = "done";
            await db.SaveChangesAsync();
            db.Widgets.Remove(a);
            db.SaveChanges();
        }

        var events = await WaitForEventsAsync(5);
        events.Select(e => (e.Event, e.Key)).ShouldBe(
        [
            ("widget.created", $"widget:{a.Id}"),
            ("widget.created", $"widget:{b.Id}"),
            ("widget.updated", $"widget:{a.Id}"),
            ("widget.status_changed", $"widget:{b.Id}"),
            ("widget.deleted", $"widget:{a.Id}"),
        ]);
        events.Select(e => e.Offset).ShouldBe([1L, 2, 3, 4, 5]);
        events[^1].Tombstone.ShouldBeTrue();
        using var data = JsonDocument.Parse(events[2].Data);
        data.RootElement.GetProperty("uuid").GetGuid().ShouldBe(a.Id);
        data.RootElement.GetProperty("item").GetProperty("name").GetString().ShouldBe("a2");

        await Eventually.TrueAsync(async () => (await _app.OutboxAsync()).All(m => m.ProcessedAt is not null), "every row marked done");
        (await _herald.EventsAsync()).Count.ShouldBe(5);
    }

    [Fact]
    public async Task A_rolled_back_transaction_publishes_nothing()
    {
        await using (var scope = _app.Scope(out var db))
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Widgets.Add(new Widget { Name = "never" });
            await db.SaveChangesAsync();
            db.Widgets.Add(new Widget { Name = "never either" });
            db.SaveChanges();
            (await db.Set<HeraldOutboxMessage>().CountAsync()).ShouldBe(2);
            await transaction.RollbackAsync();
        }

        await CommitMarkerAsync();
        var events = await WaitForEventsAsync(1);
        events.Single().Key.ShouldBe("gadget:1");
        (await _app.OutboxAsync()).Count.ShouldBe(1);
    }

    [Fact]
    public async Task An_explicit_transaction_publishes_its_saves_once_when_it_commits()
    {
        var first = new Widget { Name = "first" };
        var second = new Widget { Name = "second" };
        await using (var scope = _app.Scope(out var db))
        {
            using var transaction = db.Database.BeginTransaction();
            db.Widgets.Add(first);
            db.SaveChanges();
            db.Widgets.Add(second);
            await db.SaveChangesAsync();
            transaction.Commit();
        }

        var events = await WaitForEventsAsync(2);
        events.Select(e => e.Key).ShouldBe([$"widget:{first.Id}", $"widget:{second.Id}"]);
    }

    [Fact]
    public async Task A_failed_save_publishes_nothing()
    {
        var widget = new Widget { Name = "original" };
        await using (var scope = _app.Scope(out var db))
        {
            db.Widgets.Add(widget);
            await db.SaveChangesAsync();
        }

        await using (var scope = _app.Scope(out var db))
        {
            // Same primary key: the insert fails, and the row for the other widget goes with it.
            db.Widgets.Add(new Widget { Name = "fine" });
            db.Widgets.Add(new Widget { Id = widget.Id, Name = "duplicate" });
            await Should.ThrowAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }

        await CommitMarkerAsync();
        var events = await WaitForEventsAsync(2);
        events.Select(e => e.Key).ShouldBe([$"widget:{widget.Id}", "gadget:1"]);
    }

    [Fact]
    public async Task Events_are_built_after_the_insert_so_generated_keys_are_in_them()
    {
        await using (var scope = _app.Scope(out var db))
        {
            db.Gadgets.Add(new Gadget { Label = "one" });
            db.Gadgets.Add(new Gadget { Label = "two" });
            await db.SaveChangesAsync();
        }

        var events = await WaitForEventsAsync(2);
        events.Select(e => (e.Event, e.Key)).ShouldBe([("gadget.created", "gadget:1"), ("gadget.created", "gadget:2")]);
        using var data = JsonDocument.Parse(events[1].Data);
        data.RootElement.GetProperty("id").GetInt32().ShouldBe(2);
        data.RootElement.GetProperty("label").GetString().ShouldBe("two");
    }

    [Fact]
    public async Task Entities_not_configured_write_no_rows()
    {
        await using (var scope = _app.Scope(out var db))
        {
            db.Notes.Add(new Note { Text = "private" });
            await db.SaveChangesAsync();
        }

        (await _app.OutboxAsync()).ShouldBeEmpty();
        await CommitMarkerAsync();
        (await WaitForEventsAsync(1)).Single().Event.ShouldBe("gadget.created");
    }

    /// <summary>A change that must come through: once it has, anything before it would have too.</summary>
    private async Task CommitMarkerAsync()
    {
        await using var scope = _app.Scope(out var db);
        db.Gadgets.Add(new Gadget { Label = "marker" });
        await db.SaveChangesAsync();
    }

    private async Task<IReadOnlyList<Herald.Log.LogEntry>> WaitForEventsAsync(int count)
    {
        IReadOnlyList<Herald.Log.LogEntry> events = [];
        await Eventually.TrueAsync(async () => (events = await _herald.EventsAsync()).Count >= count, $"{count} events in Herald's log");
        return events;
    }
}
