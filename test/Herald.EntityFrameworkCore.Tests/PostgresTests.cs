using Herald.EntityFrameworkCore.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Herald.EntityFrameworkCore.Tests;

/// <summary>
/// The outbox on PostgreSQL: concurrent writers still publish in commit order and exactly once
/// (ids are handed out under a transaction lock), rollbacks publish nothing, and the relay is
/// woken by NOTIFY for commits made by other processes.
/// </summary>
public sealed class PostgresTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private HeraldHost _herald = null!;
    private string _connection = null!;

    public async Task InitializeAsync()
    {
        _herald = await HeraldHost.StartAsync();
        _connection = await postgres.Server.CreateDatabaseAsync("efcore");
    }

    public async Task DisposeAsync() => await _herald.DisposeAsync();

    [Fact]
    public async Task Concurrent_writers_publish_every_change_once_in_commit_order()
    {
        await using var app = await StartAsync();
        const int writers = 6;
        const int saves = 5;
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < saves; i++)
            {
                await using var scope = app.Scope(out var db);
                db.Widgets.Add(new Widget { Name = $"w{w}-{i}" });
                await db.SaveChangesAsync();
            }
        })));

        await Eventually.TrueAsync(async () => (await app.OutboxAsync()).All(m => m.ProcessedAt != null), "every row relayed", TimeSpan.FromSeconds(30));
        var rows = await app.OutboxAsync();
        var events = await _herald.EventsAsync();
        rows.Count.ShouldBe(writers * saves);
        events.Select(e => e.Key).ShouldBe(rows.Select(r => r.Key), "one event per row, in id (= commit) order");
    }

    [Fact]
    public async Task A_rolled_back_transaction_publishes_nothing()
    {
        await using var app = await StartAsync();
        await using (var scope = app.Scope(out var db))
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Widgets.Add(new Widget { Name = "never" });
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        await using (var scope = app.Scope(out var db))
        {
            db.Gadgets.Add(new Gadget { Label = "marker" });
            await db.SaveChangesAsync();
        }

        await Eventually.TrueAsync(async () => (await _herald.EventsAsync()).Count == 1, "the marker");
        (await _herald.EventsAsync()).Single().Event.ShouldBe("gadget.created");
        (await app.OutboxAsync()).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_commit_by_another_process_wakes_the_relay_through_NOTIFY()
    {
        // Five-minute poll, and the writer below shares nothing with the relay's process but the database.
        await using var app = await StartAsync();
        var options = new DbContextOptionsBuilder<TestDb>().UseNpgsql(_connection).AddHeraldPublishing(TestPublishing.Configure).Options;
        await using (var elsewhere = new TestDb(options))
        {
            elsewhere.Widgets.Add(new Widget { Name = "from another process" });
            await elsewhere.SaveChangesAsync();
        }

        await Eventually.TrueAsync(async () => (await _herald.EventsAsync()).Count == 1, "the event, long before the poll", TimeSpan.FromSeconds(15));
    }

    private Task<AppHost> StartAsync() => AppHost.StartAsync(o => o.UseNpgsql(_connection), _herald.Publisher, TimeSpan.FromMinutes(5));
}
