using Herald.Log;
using Herald.Protocol;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Herald.Storage.Tests.Sqlite;

/// <summary>What only a file-backed log shows: a restart (reopening the database) keeps every stream. The rest is <see cref="SqliteEventLogContract"/>.</summary>
public sealed class SqliteEventLogTests : IDisposable
{
    private readonly SqliteLogFactory _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Offsets_epoch_and_history_survive_reopening_the_database()
    {
        string epoch;
        using (var log = _files.Open())
        {
            var outcomes = await log.AppendAsync([SqliteLogFactory.Request("public:a", "one"), SqliteLogFactory.Request("public:a", "two"), SqliteLogFactory.Request("public:b", "x")], default);
            outcomes.Select(o => o.Offset).ShouldBe([1L, 2L, 1L]);
            epoch = outcomes[0].Epoch;
            outcomes[1].Epoch.ShouldBe(epoch);
            outcomes[2].Epoch.ShouldNotBe(epoch);
        }

        using (var log = _files.Open())
        {
            var read = await new CatchUpReader(log, _ => ChannelRetention.Default, TimeProvider.System).ReadAsync("public:a", new StreamPosition(epoch, 1), snapshot: false, default);
            read.Recovered.ShouldBeTrue();
            read.Epoch.ShouldBe(epoch);
            read.Offset.ShouldBe(2);
            read.Events.Select(e => (e.Offset, e.Event)).ShouldBe([(2L, "two")]);
            read.Events[0].Data.ToArray().ShouldBe("{\"v\":1}"u8.ToArray());

            var next = await log.AppendAsync([SqliteLogFactory.Request("public:a", "three")], default);
            next[0].Offset.ShouldBe(3);
            next[0].Epoch.ShouldBe(epoch);
        }
    }

    [Fact]
    public async Task An_idempotency_key_answers_with_the_first_result_across_batches_and_restarts()
    {
        using (var log = _files.Open())
        {
            var outcomes = await log.AppendAsync(
                [SqliteLogFactory.Request("public:i", "a", idempotencyKey: "k1"), SqliteLogFactory.Request("public:i", "b", idempotencyKey: "k1")], default);
            outcomes[0].Offset.ShouldBe(1);
            outcomes[0].Committed.ShouldNotBeNull();
            outcomes[1].Offset.ShouldBe(1);
            outcomes[1].Committed.ShouldBeNull();
        }

        using (var log = _files.Open())
        {
            var again = await log.AppendAsync([SqliteLogFactory.Request("public:i", "c", idempotencyKey: "k1"), SqliteLogFactory.Request("public:i", "d")], default);
            again[0].Offset.ShouldBe(1);
            again[0].Committed.ShouldBeNull();
            again[1].Offset.ShouldBe(2);
        }
    }

    [Fact]
    public async Task Retention_by_size_and_age_keeps_bounding_the_file_batch_after_batch()
    {
        // The writer remembers each stream between batches; what it remembers must not let the file grow.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var bySize = new ChannelRetention(3, TimeSpan.FromDays(1), 10);
        var byAge = new ChannelRetention(1000, TimeSpan.FromHours(1), 10);
        using (var log = _files.Open(clock))
        {
            for (var i = 1; i <= 8; i++)
            {
                await log.AppendAsync([SqliteLogFactory.Request("public:size", "e" + i, retention: bySize)], default);
                await log.AppendAsync([SqliteLogFactory.Request("public:age", "e" + i, retention: byAge)], default);
                clock.Advance(TimeSpan.FromMinutes(20));
            }

            StoredOffsets("public:size").ShouldBe([6L, 7L, 8L]);

            // The eighth went in 140 minutes after the first: those older than an hour then (the first four) are gone.
            StoredOffsets("public:age").ShouldBe([5L, 6L, 7L, 8L]);
        }

        using (var log = _files.Open(clock))
        {
            await log.AppendAsync([SqliteLogFactory.Request("public:size", "e9", retention: bySize)], default);
            StoredOffsets("public:size").ShouldBe([7L, 8L, 9L]);
        }
    }

    private long[] StoredOffsets(string channel)
    {
        using var connection = new SqliteConnection($"Data Source={_files.Path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """SELECT "offset" FROM herald_events WHERE channel = $c ORDER BY "offset" """;
        command.Parameters.AddWithValue("$c", channel);
        using var reader = command.ExecuteReader();
        var offsets = new List<long>();
        while (reader.Read())
        {
            offsets.Add(reader.GetInt64(0));
        }

        return [.. offsets];
    }
}
