using Herald.Log;
using Herald.Protocol;

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
}
