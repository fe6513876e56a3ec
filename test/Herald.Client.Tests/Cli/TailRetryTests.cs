using System.Globalization;
using System.Text.RegularExpressions;
using Herald.Cli;
using Herald.Client.Tests.Support;

namespace Herald.Client.Tests.Cli;

/// <summary>`herald tail` with no server yet: it says what it tries and why that failed, retries with a growing delay, and gives up only when asked.</summary>
public sealed partial class TailRetryTests
{
    [Fact]
    public async Task Tail_of_a_server_that_is_not_there_says_why_each_attempt_failed_and_gives_up_after_max_retries()
    {
        var result = await new CliRunner(new() { ["HERALD_URL"] = "http://127.0.0.1:1", ["HERALD_TOKEN"] = "t" }).RunAsync("tail", "public:x", "--max-retries", "2");

        result.ExitCode.ShouldBe(ExitCodes.Unavailable, result.ToString());
        var lines = result.Error.Lines;
        lines.Count.ShouldBe(4, result.ToString());
        lines[0].ShouldBe("herald: connecting to ws://127.0.0.1:1/ws");
        lines[1].ShouldMatch(@"^herald: cannot connect to ws://127\.0\.0\.1:1/ws: .*Connection refused.*; retry 1 of 2 in \d+\.\d s$");
        lines[2].ShouldMatch(@"^herald: cannot connect to ws://127\.0\.0\.1:1/ws: .+; retry 2 of 2 in \d+\.\d s$");
        lines[3].ShouldStartWith("herald: gave up after 3 failed attempts in a row: cannot connect to ws://127.0.0.1:1/ws: ");
        result.Stdout.ShouldBeEmpty();
    }

    [Fact]
    public async Task Tail_keeps_retrying_with_a_growing_delay_and_follows_the_server_once_it_is_up()
    {
        await using var restartable = new RestartableServer();
        await restartable.StartAsync();
        var token = restartable.Server.Token("alice");
        var url = restartable.Server.BaseAddress.ToString();
        await restartable.StopAsync();

        var tail = new CliRunner(new() { ["HERALD_URL"] = url, ["HERALD_TOKEN"] = token }).Start(["tail", "public:later", "--count", "1"]);
        await tail.Error.WaitForAsync(l => l.Contains("attempt 4 in", StringComparison.Ordinal), "three failed attempts");
        await restartable.StartAsync();
        await tail.Error.WaitForAsync(l => l.Contains("tailing public:later", StringComparison.Ordinal), "tail subscribed once the server was up");
        await restartable.Server.PublishAsync("public:later", "story.published", new { n = 1 });
        var result = await tail.Completion.WaitAsync(TimeSpan.FromSeconds(10));

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Stdout.ShouldContain("public:later  #1  story.published");
        var delays = result.Error.Lines.Select(l => RetryDelay().Match(l)).Where(m => m.Success).Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        delays.Count.ShouldBeGreaterThanOrEqualTo(3, result.ToString());

        // Doubling with at most half of each delay taken off by jitter: the third wait is longer than the first can be.
        delays[2].ShouldBeGreaterThan(delays[0], result.ToString());
    }

    [Fact]
    public async Task A_rejected_credential_is_named_and_ends_the_tail_with_unauthorized()
    {
        await using var server = await HeraldTestServer.StartAsync();

        var result = await CliRunner.For(server, "not-a-jwt").RunAsync("tail", "public:x");

        result.ExitCode.ShouldBe(ExitCodes.Unauthorized, result.ToString());
        result.Error.Lines[0].ShouldBe($"herald: connecting to {server.WebSocketUri()}", result.ToString());
        result.Error.Lines.ShouldContain(l => l.Contains("4001 (INVALID_CREDENTIALS", StringComparison.Ordinal), result.ToString());
        result.Error.Lines[^1].ShouldStartWith("herald: stopped: the server rejected the credential");
    }

    [Fact]
    public async Task A_negative_max_retries_is_a_usage_error()
    {
        var result = await new CliRunner(new() { ["HERALD_URL"] = "http://127.0.0.1:1", ["HERALD_TOKEN"] = "t" }).RunAsync("tail", "public:x", "--max-retries", "-1");

        result.ExitCode.ShouldBe(ExitCodes.Usage, result.ToString());
        result.Stderr.ShouldBe("herald: --max-retries must be 0 or more");
    }

    [GeneratedRegex(@"(?:attempt \d+|retry \d+ of \d+) in (\d+\.\d) s$")]
    private static partial Regex RetryDelay();
}
