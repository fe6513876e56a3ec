using System.Text.Json;
using Herald.Client.Tests.Support;

namespace Herald.Client.Tests.Cli;

/// <summary>`herald tail` prints what `herald publish` sends.</summary>
public sealed class TailPublishTests
{
    [Fact]
    public async Task Tail_json_prints_every_event_that_publish_sends_as_json_lines()
    {
        await using var server = await HeraldTestServer.StartAsync();
        var herald = CliRunner.For(server, server.Token("alice", "publish"));
        var data = Path.GetTempFileName();
        await File.WriteAllTextAsync(data, """{"from":"file"}""");
        try
        {
            var tail = herald.Start(["tail", "public:cli", "--json", "--count", "3"]);
            await tail.Error.WaitForAsync(l => l.Contains("tailing public:cli", StringComparison.Ordinal), "tail subscribed");

            (await herald.RunAsync("publish", "public:cli", "story.published", """{"title":"Hello"}""", "--key", "story:1")).ExitCode.ShouldBe(0);
            (await herald.RunAsync("publish", "public:cli", "story.updated", "@" + data)).ExitCode.ShouldBe(0);
            (await herald.RunAsync(["publish", "public:cli", "story.deleted", "@-", "--key", "story:1", "--tombstone"], "[1,2]", CancellationToken.None)).ExitCode.ShouldBe(0);
            var result = await tail.Completion.WaitAsync(TimeSpan.FromSeconds(10));

            result.ExitCode.ShouldBe(0, result.ToString());
            var lines = result.Output.Lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
            lines.Select(l => (l.Str("type"), l.Str("channel"), l.Long("offset"), l.Str("event"))).ShouldBe(
            [
                ("event", "public:cli", 1L, "story.published"),
                ("event", "public:cli", 2L, "story.updated"),
                ("event", "public:cli", 3L, "story.deleted"),
            ]);
            lines[0].Str("key").ShouldBe("story:1");
            lines[0].GetProperty("data").GetRawText().ShouldBe("""{"title":"Hello"}""");
            lines[1].GetProperty("data").GetRawText().ShouldBe("""{"from":"file"}""");
            lines[2].GetProperty("data").GetRawText().ShouldBe("[1,2]");
            lines[2].GetProperty("tombstone").GetBoolean().ShouldBeTrue();
            lines.ShouldAllBe(l => l.Str("ts").EndsWith('Z'));
        }
        finally
        {
            File.Delete(data);
        }
    }

    [Fact]
    public async Task Tail_prints_readable_lines_and_publish_says_where_the_event_went()
    {
        await using var server = await HeraldTestServer.StartAsync();
        var herald = CliRunner.For(server, server.Token("alice", "publish"));
        var tail = herald.Start(["tail", "public:news", "--count", "1"]);
        await tail.Error.WaitForAsync(l => l.Contains("tailing public:news", StringComparison.Ordinal), "tail subscribed");

        var published = await herald.RunAsync("publish", "public:news", "story.published", """{"title":"Hello"}""", "--key", "story:1");
        var result = await tail.Completion.WaitAsync(TimeSpan.FromSeconds(10));

        published.ExitCode.ShouldBe(0);
        published.Stdout.ShouldMatch(@"^published story\.published to public:news at [0-9a-f]{16}:1$");
        result.ExitCode.ShouldBe(0);
        result.Stdout.ShouldMatch("""^\d\d:\d\d:\d\d\.\d{3}  public:news  #1  story\.published  story:1  \{"title":"Hello"\}$""");
    }

    [Fact]
    public async Task Tail_with_snapshot_and_since_resumes_and_reports_a_gap()
    {
        await using var server = await HeraldTestServer.StartAsync();
        var herald = CliRunner.For(server, server.Token("alice", "publish"));
        var first = await server.PublishAsync("public:resume", "a", new { n = 1 }, key: "x");
        await server.PublishAsync("public:resume", "b", new { n = 2 }, key: "x");

        var resumed = await herald.RunAsync("tail", "public:resume", "--json", "--count", "1", "--since", $"{first.Epoch}:1");
        var tail = herald.Start(["tail", "public:resume", "--json", "--count", "1", "--snapshot", "--since", "gone:7"]);
        await tail.Error.WaitForAsync(l => l.Contains("tailing public:resume", StringComparison.Ordinal), "tail subscribed");
        await server.PublishAsync("public:resume", "c", new { n = 3 }, key: "x");
        var gap = await tail.Completion.WaitAsync(TimeSpan.FromSeconds(10));

        JsonDocument.Parse(resumed.Output.Lines.Single()).RootElement.Str("event").ShouldBe("b");
        resumed.Stderr.ShouldContain($"resuming after {first.Epoch}:1");
        var lines = gap.Output.Lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        lines.Select(l => l.Str("type")).ShouldBe(["gap", "snapshot", "event"]);
        lines[0].GetProperty("since").Str("epoch").ShouldBe("gone");
        lines[0].Str("epoch").ShouldBe(first.Epoch);
        lines[1].GetProperty("items").EnumerateArray().Single().Str("event").ShouldBe("b");
        lines[2].Long("offset").ShouldBe(3);
    }
}
