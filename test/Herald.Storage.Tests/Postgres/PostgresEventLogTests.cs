using System.Collections.Concurrent;
using Herald.Log;
using Herald.Protocol;
using Herald.Storage.Tests.Support;
using Npgsql;

namespace Herald.Storage.Tests.Postgres;

[Collection(PostgresCollection.Name)]
public sealed class PostgresEventLogTests(PostgresFixture postgres) : IAsyncLifetime
{
    private string _connectionString = "";

    public async Task InitializeAsync() => _connectionString = await postgres.Server.CreateDatabaseAsync("log");

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Concurrent_publishers_on_several_nodes_get_gap_free_offsets_and_no_reader_ever_sees_a_hole()
    {
        var nodes = Enumerable.Range(0, 3).Select(_ => PostgresLogFactory.Open(_connectionString)).ToList();
        try
        {
            string[] channels = ["public:c1", "public:c2"];
            var outcomes = new ConcurrentBag<AppendOutcome>();
            using var done = new CancellationTokenSource();
            var holes = new ConcurrentBag<string>();
            var watcher = Task.Run(() => WatchForHolesAsync(channels, holes, done.Token));

            // 3 nodes × 3 writers, batches of 1-5 over both channels in varying order.
            var writers = nodes.SelectMany((node, n) => Enumerable.Range(0, 3).Select(w => Task.Run(async () =>
            {
                var random = new Random((n * 10) + w);
                for (var i = 0; i < 25; i++)
                {
                    var batch = Enumerable.Range(0, random.Next(1, 6))
                        .Select(_ => PostgresLogFactory.Request(channels[random.Next(2)], "tick"))
                        .ToList();
                    foreach (var outcome in await node.Log.AppendAsync(batch, default))
                    {
                        outcomes.Add(outcome);
                    }
                }
            }))).ToList();
            await Task.WhenAll(writers);
            await done.CancelAsync();
            await watcher;

            holes.ShouldBeEmpty();
            foreach (var channel in channels)
            {
                var offsets = outcomes.Where(o => o.Channel == channel).Select(o => o.Offset).Order().ToList();
                offsets.ShouldBe(Enumerable.Range(1, offsets.Count).Select(i => (long)i), $"{channel}: every offset once, none missing");
                outcomes.Where(o => o.Channel == channel).Select(o => o.Epoch).Distinct().Count().ShouldBe(1);
            }
        }
        finally
        {
            foreach (var (_, database) in nodes)
            {
                await database.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task An_idempotency_key_publishes_once_across_nodes()
    {
        var (a, dbA) = PostgresLogFactory.Open(_connectionString);
        var (b, dbB) = PostgresLogFactory.Open(_connectionString);
        await using var _ = dbA;
        await using var __ = dbB;

        for (var round = 0; round < 5; round++)
        {
            var key = "idem-" + round;
            var both = await Task.WhenAll(
                a.AppendAsync([PostgresLogFactory.Request("public:idem", "x", idempotencyKey: key)], default).AsTask(),
                b.AppendAsync([PostgresLogFactory.Request("public:idem", "x", idempotencyKey: key)], default).AsTask());
            both[0][0].Offset.ShouldBe(both[1][0].Offset);
            both.Count(r => r[0].Committed is not null).ShouldBe(1);
        }

        (await a.ReadHeadAsync("public:idem", default)).LastOffset.ShouldBe(5);
    }

    [Fact]
    public async Task Resume_reads_history_written_by_another_node_and_the_epoch_lasts()
    {
        var retention = new ChannelRetention(3, TimeSpan.FromHours(1), 2);
        var (a, dbA) = PostgresLogFactory.Open(_connectionString);
        await using var _ = dbA;
        var written = await a.AppendAsync(
        [
            .. Enumerable.Range(1, 5).Select(i => PostgresLogFactory.Request("public:resume", "e", i, key: "k" + (i % 3), retention: retention)),
        ], default);
        var epoch = written[0].Epoch;

        // A "restarted" node: nothing in memory, everything from the database.
        var (b, dbB) = PostgresLogFactory.Open(_connectionString);
        await using var __ = dbB;
        var reader = new CatchUpReader(b, _ => retention, TimeProvider.System);
        var read = await reader.ReadAsync("public:resume", new StreamPosition(epoch, 2), snapshot: true, default);
        read.Recovered.ShouldBeTrue();
        read.Epoch.ShouldBe(epoch);
        read.Events.Select(e => e.Offset).ShouldBe([3L, 4L, 5L]);
        read.Snapshot.ShouldBeNull();

        (await reader.ReadAsync("public:resume", new StreamPosition(epoch, 1), false, default)).Recovered.ShouldBeFalse();
        var snapshot = await reader.ReadAsync("public:resume", null, snapshot: true, default);
        snapshot.Snapshot!.Select(e => (e.Key, e.Offset)).ShouldBe([("k1", 4L), ("k2", 5L)]);

        var fresh = await b.ReadHeadAsync("public:never-written", default);
        (await a.AppendAsync([PostgresLogFactory.Request("public:never-written", "e")], default))[0].Epoch.ShouldBe(fresh.Epoch);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("idem-failed")]
    public async Task A_group_that_fails_commits_nothing_and_leaves_its_connection_fit_for_the_next(string? idempotencyKey)
    {
        // One pooled connection, so the next append runs on the very connection the failed one used.
        var single = new NpgsqlConnectionStringBuilder(_connectionString) { MaxPoolSize = 1 }.ConnectionString;
        var (log, database) = PostgresLogFactory.Open(single);
        await using var _ = database;
        var channel = "public:fail-" + (idempotencyKey ?? "plain");
        await log.AppendAsync([PostgresLogFactory.Request(channel, "before")], default);

        // PostgreSQL's text type refuses NUL: the insert fails after the offsets were reserved.
        await Should.ThrowAsync<PostgresException>(async () => await log.AppendAsync(
            [PostgresLogFactory.Request(channel, "kept-out", idempotencyKey: idempotencyKey), PostgresLogFactory.Request(channel, "bad\0name")], default));

        var after = await log.AppendAsync([PostgresLogFactory.Request(channel, "after", idempotencyKey: idempotencyKey)], default);
        after[0].Offset.ShouldBe(2, "the failed group reserved nothing");
        after[0].Committed.ShouldNotBeNull("its idempotency key was not kept either");
        var history = await log.ReadRangeAsync(channel, 0, long.MaxValue, 100, default);
        history.Select(e => e.Event).ShouldBe(["before", "after"]);
    }

    /// <summary>Polls each channel's committed offsets: they must always be 1..n with nothing missing.</summary>
    private async Task WatchForHolesAsync(string[] channels, ConcurrentBag<string> holes, CancellationToken done)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(CancellationToken.None);
        while (!done.IsCancellationRequested)
        {
            foreach (var channel in channels)
            {
                await using var command = new NpgsqlCommand("""SELECT "offset" FROM herald_events WHERE channel = $1 ORDER BY "offset" """, connection);
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = channel });
                var expected = 1L;
                try
                {
                    await using var reader = await command.ExecuteReaderAsync(CancellationToken.None);
                    while (await reader.ReadAsync(CancellationToken.None))
                    {
                        var offset = reader.GetInt64(0);
                        if (offset != expected)
                        {
                            holes.Add($"{channel}: saw {offset} while {expected} was not committed");
                            break;
                        }

                        expected++;
                    }
                }
                catch (PostgresException ex) when (ex.SqlState == "42P01")
                {
                    // The tables are created by the first append.
                }
            }
        }
    }
}
