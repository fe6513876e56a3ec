using Herald.Cli;
using Herald.Client.Tests.Support;

namespace Herald.Client.Tests.Cli;

/// <summary>One clear line on stderr and an exit code a script can switch on.</summary>
public sealed class CliErrorTests
{
    [Fact]
    public async Task Failures_have_one_line_and_distinct_exit_codes()
    {
        await using var server = await HeraldTestServer.StartAsync();
        var reader = CliRunner.For(server, server.Token("alice"));
        var publisher = CliRunner.For(server, server.Token("alice", "publish"));

        await Expect(new CliRunner(new() { ["HERALD_URL"] = server.BaseAddress.ToString() }), ["publish", "public:x", "e"], ExitCodes.Unauthorized, "no credentials");
        await Expect(CliRunner.For(server, "not-a-jwt"), ["publish", "public:x", "e"], ExitCodes.Unauthorized, "401 INVALID_CREDENTIALS");
        await Expect(reader, ["publish", "public:x", "e"], ExitCodes.Forbidden, "403 ACCESS_DENIED");
        await Expect(publisher, ["publish", "nope:x", "e"], ExitCodes.Rejected, "400 INVALID_CHANNEL");
        await Expect(publisher, ["publish", "public:x", "e", "{oops"], ExitCodes.Usage, "data is not valid JSON");
        await Expect(publisher, ["publish", "public:x", "e", "@/no/such/file"], ExitCodes.Usage, "cannot read /no/such/file");
        await Expect(publisher, ["publish", "public:x"], ExitCodes.Usage, "Required argument missing");
        await Expect(publisher, ["publish", "public:x", "e", "--url", "http://127.0.0.1:1"], ExitCodes.Unavailable, "cannot reach http://127.0.0.1:1/");
        await Expect(reader, ["tail", "user:bob", "--quiet"], ExitCodes.Forbidden, "ACCESS_DENIED");
        await Expect(reader, ["tail", "public:x", "--since", "7"], ExitCodes.Usage, "--since must be EPOCH:OFFSET");
        await Expect(reader, ["stats"], ExitCodes.Forbidden, "403 ACCESS_DENIED");
        await Expect(reader, ["frobnicate"], ExitCodes.Usage, "herald --help");
    }

    private static async Task Expect(CliRunner runner, string[] args, int exitCode, string message)
    {
        var result = await runner.RunAsync(args);
        result.ExitCode.ShouldBe(exitCode, result.ToString());
        result.Error.Lines.Count.ShouldBe(1, result.ToString());
        result.Stderr.ShouldStartWith("herald: ");
        result.Stderr.ShouldContain(message, Case.Sensitive, result.ToString());
    }
}
