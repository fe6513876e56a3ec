using System.Text;
using Herald.Log;
using Herald.Storage.Postgres;
using Herald.Storage.Tests.Support;
using Npgsql;

namespace Herald.Storage.Tests.Postgres;

/// <summary>
/// The LISTEN/NOTIFY bus between two nodes in this process: events travel in the notification
/// when they fit, and only what does not fit, or was missed, is read back from the database.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresBusTests(PostgresFixture postgres) : IAsyncLifetime
{
    private string _connectionString = "";

    public async Task InitializeAsync() => _connectionString = await postgres.Server.CreateDatabaseAsync("bus");

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_node_gets_committed_events_from_the_notification_without_reading_the_events_table()
    {
        await using var publisher = await PostgresBusNode.StartAsync(Options(_connectionString));
        await using var receiver = await PostgresBusNode.StartAsync(Options(_connectionString));
        await receiver.Log.ReadHeadAsync("public:n1", default);

        var committed = new List<LogEntry>();
        for (var round = 0; round < 5; round++)
        {
            var outcomes = await publisher.Log.AppendAsync(
            [
                PostgresLogFactory.Request("public:n1", "plain", round),
                PostgresLogFactory.Request("public:n2", "keyed", round, key: "k" + round),
                PostgresLogFactory.Request("public:n1", "gone", round, key: "k" + round, tombstone: true),
                PostgresLogFactory.Request("public:n1", "ünïcode", round, key: "ключ"),
            ], default);
            committed.AddRange(outcomes.Select(o => o.Committed!));
        }

        await Eventually.TrueAsync(() => receiver.Delivered.Count >= committed.Count, $"the receiver to get {committed.Count} events");
        ShouldBeSame(receiver.Delivered.ToList(), committed);
        receiver.Bus.ReadBacks.ShouldBe(0, "every event came in its notification");
        publisher.Bus.ReadBacks.ShouldBe(0, "the publishing node hears its own events the same way");
    }

    [Fact]
    public async Task An_event_too_big_for_the_notification_is_read_back_in_its_place()
    {
        await using var publisher = await PostgresBusNode.StartAsync(Options(_connectionString));
        await using var receiver = await PostgresBusNode.StartAsync(Options(_connectionString));
        await receiver.Log.ReadHeadAsync("public:big", default);

        var big = Encoding.UTF8.GetBytes($"{{\"pad\":\"{new string('x', 20_000)}\"}}");
        var outcomes = await publisher.Log.AppendAsync(
        [
            PostgresLogFactory.Request("public:big", "before", 1),
            new AppendRequest("public:big", "huge", big, null, false, null, ChannelRetention.Default),
            PostgresLogFactory.Request("public:big", "after", 3),
        ], default);
        var committed = outcomes.Select(o => o.Committed!).ToList();

        await Eventually.TrueAsync(() => receiver.Delivered.Count >= 3, "the receiver to get all three events");
        ShouldBeSame(receiver.Delivered.ToList(), committed);
        receiver.Delivered.ElementAt(1).Data.ToArray().ShouldBe(big);
        receiver.Bus.ReadBacks.ShouldBe(1, "one read for the event that did not fit and what follows it");
    }

    [Fact]
    public async Task A_group_too_big_for_one_notification_is_carried_in_several()
    {
        await using var publisher = await PostgresBusNode.StartAsync(Options(_connectionString));
        await using var receiver = await PostgresBusNode.StartAsync(Options(_connectionString));
        await receiver.Log.ReadHeadAsync("public:many", default);

        // 300 events of about 200 bytes: some 60 KB, so at least eight notifications for one commit.
        var pad = new string('p', 180);
        var batch = Enumerable.Range(0, 300)
            .Select(i => new AppendRequest(i % 3 == 0 ? "public:many" : "public:many-" + (i % 3), "e", Encoding.UTF8.GetBytes($"{{\"n\":{i},\"pad\":\"{pad}\"}}"), null, false, null, ChannelRetention.Default))
            .ToList();
        var committed = (await publisher.Log.AppendAsync(batch, default)).Select(o => o.Committed!).ToList();

        await Eventually.TrueAsync(() => receiver.Delivered.Count >= committed.Count, $"the receiver to get {committed.Count} events");
        ShouldBeSame(receiver.Delivered.ToList(), committed);
        receiver.Bus.ReadBacks.ShouldBe(0, "every event fitted a notification");
    }

    [Fact]
    public async Task A_notification_missed_while_the_listener_reconnects_is_read_back_and_nothing_is_lost()
    {
        await using var relay = new TcpRelay(new Uri($"tcp://127.0.0.1:{postgres.Server.Port}"));
        var throughRelay = new NpgsqlConnectionStringBuilder(_connectionString) { Port = relay.Port }.ConnectionString;
        await using var publisher = await PostgresBusNode.StartAsync(Options(_connectionString));
        await using var receiver = await PostgresBusNode.StartAsync(Options(throughRelay));
        await receiver.Log.ReadHeadAsync("public:gap", default);

        var committed = new List<LogEntry>();
        committed.AddRange((await publisher.Log.AppendAsync([PostgresLogFactory.Request("public:gap", "live", 0)], default)).Select(o => o.Committed!));
        await Eventually.TrueAsync(() => receiver.Delivered.Count == 1, "the first event to arrive live");

        // New connections hang until the thaw, so the receiver cannot LISTEN again before these commit.
        relay.Freeze();
        relay.Cut();
        await Eventually.TrueAsync(async () => !await receiver.Bus.IsHealthyAsync(default), "the receiver to notice its LISTEN connection is gone");
        for (var i = 1; i <= 5; i++)
        {
            committed.AddRange((await publisher.Log.AppendAsync([PostgresLogFactory.Request("public:gap", "missed", i)], default)).Select(o => o.Committed!));
        }

        relay.Thaw();
        await Eventually.TrueAsync(() => receiver.Delivered.Count >= committed.Count, $"the receiver to catch up to {committed.Count} events", TimeSpan.FromSeconds(30));
        committed.AddRange((await publisher.Log.AppendAsync([PostgresLogFactory.Request("public:gap", "live-again", 6)], default)).Select(o => o.Committed!));
        await Eventually.TrueAsync(() => receiver.Delivered.Count >= committed.Count, "the next event to arrive live");

        ShouldBeSame(receiver.Delivered.ToList(), committed);
        receiver.Bus.ReadBacks.ShouldBeGreaterThan(0, "the missed events can only have come from the table");
    }

    private static PostgresOptions Options(string connectionString) => new()
    {
        ConnectionString = connectionString,
        ListenProbeInterval = TimeSpan.FromMilliseconds(500),
        ProbeTimeout = TimeSpan.FromSeconds(1),
    };

    private static void ShouldBeSame(List<LogEntry> delivered, List<LogEntry> committed)
    {
        // Order is per channel; channels are independent streams.
        foreach (var channel in committed.Select(e => e.Channel).Distinct())
        {
            delivered.Where(e => e.Channel == channel).Select(Describe).ShouldBe(
                committed.Where(e => e.Channel == channel).Select(Describe), $"{channel}: every committed event once, in order, as committed");
        }

        delivered.Count.ShouldBe(committed.Count);
    }

    private static string Describe(LogEntry e) =>
        $"{e.Channel} {e.Epoch} {e.Offset} {e.Event} {e.Key ?? "-"} {e.Tombstone} {e.Timestamp.ToUnixTimeMilliseconds()} {Encoding.UTF8.GetString(e.Data.Span)}";
}
