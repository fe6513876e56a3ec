using System.Text.Json;
using Herald.Client.Tests.Support;

namespace Herald.Client.Tests.Cli;

/// <summary>`herald keys` against the server's /api/keys, and `herald stats`.</summary>
public sealed class KeysAndStatsTests
{
    [Fact]
    public async Task Keys_are_created_used_listed_and_revoked()
    {
        await using var server = await HeraldTestServer.StartAsync();
        var admin = CliRunner.For(server, server.Token("root", "admin"));

        var created = await admin.RunAsync("keys", "create", "--owner", "svc-1", "--name", "task backend", "--attr", "publish");
        created.ExitCode.ShouldBe(0, created.ToString());
        var key = created.Output.Lines.Single();
        key.ShouldStartWith("hk_");
        created.Stderr.ShouldContain("shown only this once");

        var withKey = CliRunner.For(server, apiKey: key);
        (await withKey.RunAsync("publish", "public:k", "hello")).ExitCode.ShouldBe(0);

        var listed = await admin.RunAsync("keys", "list", "--json");
        var entry = JsonDocument.Parse(listed.Stdout).RootElement.GetProperty("keys").EnumerateArray().Single();
        (entry.Str("owner"), entry.Str("name"), entry.GetProperty("active").GetBoolean()).ShouldBe(("svc-1", "task backend", true));
        entry.Has("key").ShouldBeFalse();
        var table = await admin.RunAsync("keys", "list");
        table.Stdout.ShouldContain(entry.Str("id"));
        table.Stdout.ShouldContain("task backend");

        var revoked = await admin.RunAsync("keys", "revoke", entry.Str("id"));
        revoked.ExitCode.ShouldBe(0, revoked.ToString());
        revoked.Stdout.ShouldBe("revoked " + entry.Str("id"));
        var refused = await withKey.RunAsync("publish", "public:k", "again");
        refused.ExitCode.ShouldBe(4, refused.ToString());
        var unknown = await admin.RunAsync("keys", "revoke", "k_nope");
        unknown.ExitCode.ShouldBe(6, unknown.ToString());
    }

    [Fact]
    public async Task Stats_prints_the_table_once_when_not_on_a_terminal_and_json_for_scripts()
    {
        await using var server = await HeraldTestServer.StartAsync();
        var admin = CliRunner.For(server, server.Token("root", "admin"));

        var table = await admin.RunAsync("stats");
        var json = await admin.RunAsync("stats", "--json");

        table.ExitCode.ShouldBe(0, table.ToString());
        table.Stdout.ShouldContain("test-node");
        table.Stdout.ShouldContain("connections");
        table.Stdout.ShouldContain("cluster (1 node(s))");
        JsonDocument.Parse(json.Stdout).RootElement.GetProperty("node").Str("node").ShouldBe("test-node");
    }
}
