using Herald.Client.Tests.Support;

namespace Herald.Client.Tests.Reconnect;

/// <summary>
/// The server restarts under a live subscription. With a durable store (<c>Herald:Store=sqlite</c>)
/// the client resumes and receives every event exactly once, in order. With the in-memory log the
/// stream starts a new epoch: the client must say so (<see cref="HistoryGap"/>) and deliver the
/// snapshot, then every later event exactly once.
/// </summary>
public sealed class RestartTests
{
    private const string Channel = "public:restart";

    [Theory]
    [InlineData("sqlite", true)]
    [InlineData("memory", false)]
    public async Task A_server_restart_loses_and_duplicates_nothing_or_is_reported_as_a_gap_with_a_snapshot(string store, bool durable)
    {
        await using var node = new RestartableServer(new() { ["Herald:Store"] = store });
        await node.StartAsync();
        node.IsDurable.ShouldBe(durable);
        await using var client = FastClients.Create(node.WebSocketUri, node.Server.Token("alice"));
        await using var subscription = await client.SubscribeAsync(Channel, new SubscribeOptions { Snapshot = true });
        await using var reader = new UpdateReader(subscription);
        var first = await reader.NextAsync<HeraldSnapshot>();
        for (var i = 1; i <= 20; i++)
        {
            await node.Server.PublishAsync(Channel, "tick", new { i }, key: $"k{i}");
        }

        var before = await reader.EventsAsync(20);
        var epoch = subscription.Position!.Epoch;

        await node.StopAsync();
        await node.StartAsync();

        // Published at once, racing the client's resume: replayed (durable) or in the snapshot (memory).
        for (var i = 21; i <= 40; i++)
        {
            await node.Server.PublishAsync(Channel, "tick", new { i }, key: $"k{i}");
        }

        var sequence = first.Items.Select(Number).Concat(before.Select(e => Number(e.Data))).ToList();
        if (durable)
        {
            var after = await reader.EventsAsync(20);
            before.Concat(after).Select(e => e.Offset).ShouldBe(Enumerable.Range(1, 40).Select(i => (long)i));
            sequence.AddRange(after.Select(e => Number(e.Data)));
        }
        else
        {
            var gap = await reader.NextAsync<HistoryGap>();
            gap.Since.ShouldBe(new StreamPosition(epoch, 20));
            gap.Position.Epoch.ShouldNotBe(epoch);
            gap.SnapshotFollows.ShouldBeTrue();
            var snapshot = await reader.NextAsync<HeraldSnapshot>();
            snapshot.Position.ShouldBe(gap.Position);
            var after = await reader.EventsAsync(20 - snapshot.Items.Count);
            after.ShouldAllBe(e => e.Offset > snapshot.Position.Offset);
            after.Select(e => e.Offset).ShouldBeInOrder(SortDirection.Ascending);
            sequence.AddRange(snapshot.Items.Select(Number).Concat(after.Select(e => Number(e.Data))));
        }

        sequence.ShouldBe(Enumerable.Range(1, 40));
        client.ConnectCount.ShouldBe(2);
        await node.Server.PublishAsync(Channel, "tick", new { i = 41 });
        (await reader.NextAsync<HeraldEvent>()).Data.GetProperty("i").GetInt32().ShouldBe(41);
    }

    private static int Number(SnapshotItem item) => Number(item.Data);

    private static int Number(System.Text.Json.JsonElement data) => data.GetProperty("i").GetInt32();
}
