using System.Net;
using System.Net.Sockets;
using Herald.Storage.Tests.Support;

namespace Herald.Storage.Tests.Server;

/// <summary>The server binary as an operator meets it: <c>--help</c>, and a start that cannot listen.</summary>
public sealed class ServerCommandLineTests : IDisposable
{
    private readonly DirectoryInfo _workingDirectory = Directory.CreateTempSubdirectory("herald-cli-server-");

    public void Dispose() => _workingDirectory.Delete(recursive: true);

    [Fact]
    public async Task Help_lists_the_commands_and_settings_and_exits_without_starting_or_creating_anything()
    {
        var run = await RunServerAsync(["--help"], TimeSpan.FromSeconds(20));

        run.ExitCode.ShouldBe(0, run.ToString());
        foreach (var expected in new[] { "token", "keys", "--urls", "--Herald:Store", "--Herald:DataDirectory", "README.md" })
        {
            run.Stdout.ShouldContain(expected, Case.Sensitive, run.ToString());
        }

        run.Stdout.ShouldNotContain("listening", Case.Insensitive);
        _workingDirectory.EnumerateFileSystemInfos().ShouldBeEmpty("--help created files in its working directory");
    }

    [Fact]
    public async Task Keys_are_made_listed_and_revoked_offline_with_the_clis_options_and_output()
    {
        var refused = await RunServerAsync(["keys", "create", "--owner", "svc", "--max-connections", "0"], TimeSpan.FromSeconds(30));
        refused.ExitCode.ShouldBe(2, refused.ToString());
        refused.Stderr.ShouldContain("--max-connections must be a positive whole number", Case.Sensitive, refused.ToString());
        _workingDirectory.EnumerateFileSystemInfos().ShouldBeEmpty("a refused create opened the store");

        var created = await RunServerAsync(["keys", "create", "--owner", "svc", "--name", "billing", "--attr", "publish", "--max-connections", "3"], TimeSpan.FromSeconds(30));
        created.ExitCode.ShouldBe(0, created.ToString());
        var key = created.Stdout.Trim();
        key.ShouldStartWith("hk_");
        var id = "k_" + key.Split('_')[1];

        var listed = await RunServerAsync(["keys", "list", "--json"], TimeSpan.FromSeconds(30));
        var entry = System.Text.Json.JsonDocument.Parse(listed.Stdout).RootElement.GetProperty("keys").EnumerateArray().Single();
        (entry.GetProperty("id").GetString(), entry.GetProperty("owner").GetString(), entry.GetProperty("max_connections").GetInt32()).ShouldBe((id, "svc", 3));

        (await RunServerAsync(["keys", "revoke", id], TimeSpan.FromSeconds(30))).Stdout.Trim().ShouldBe("revoked " + id);
        var table = await RunServerAsync(["keys", "list"], TimeSpan.FromSeconds(30));
        table.Stdout.ShouldContain($"{id}\trevoked\tsvc\tbilling\tpublish\t", Case.Sensitive, table.ToString());
        (await RunServerAsync(["keys", "revoke", "k_nope"], TimeSpan.FromSeconds(30))).ExitCode.ShouldBe(1);
    }

    [Fact]
    public async Task A_port_in_use_is_one_line_on_stderr_and_a_non_zero_exit()
    {
        using var other = new TcpListener(IPAddress.Loopback, 0);
        other.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)other.LocalEndpoint).Port}";

        var run = await RunServerAsync(["--urls", url], TimeSpan.FromSeconds(30));

        run.ExitCode.ShouldBe(3, run.ToString());
        run.Stderr.TrimEnd().ShouldBe($"herald: cannot listen on {url}: address already in use. Stop the other process or pass --urls with another port, e.g. --urls http://127.0.0.1:8081.", run.ToString());
        var output = run.Stdout + run.Stderr;
        output.ShouldNotContain("Exception", Case.Sensitive, run.ToString());
        output.ShouldNotContain("   at ", Case.Sensitive, run.ToString());
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBeLessThanOrEqualTo(5, run.ToString());
    }

    private Task<ProcessRun> RunServerAsync(string[] args, TimeSpan timeout) => ProcessRunner.RunToExitAsync(
        "dotnet",
        [ServerBinary.Path, .. args],
        timeout: timeout,
        workingDirectory: _workingDirectory.FullName,
        environment: new Dictionary<string, string> { ["DOTNET_gcServer"] = "0" });
}
