using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Herald.Client.Tests.Support;

namespace Herald.Client.Tests.Cli;

/// <summary>
/// The README's first steps, as processes, from a directory standing in for the repository root:
/// <c>dotnet run --project src/Herald.Server</c> there, then <c>herald token</c> and the server's own
/// <c>token</c> there, find the secret that server generated and mint tokens it accepts.
/// </summary>
public sealed partial class FirstRunTests
{
    [Fact]
    public async Task Token_commands_run_where_the_server_was_started_find_its_generated_secret()
    {
        var root = Directory.CreateTempSubdirectory("herald-root-");
        var output = new ConcurrentQueue<string>();
        using var server = DotnetRun(root.FullName, output, "--urls", "http://127.0.0.1:0");
        try
        {
            var url = "";
            await Eventually.TrueAsync(() => server.HasExited || TryFindUrl(output, out url), "the server to listen", TimeSpan.FromSeconds(90));
            server.HasExited.ShouldBeFalse(string.Join('\n', output));
            File.Exists(Path.Combine(root.FullName, "herald-data", "jwt-secret")).ShouldBeTrue("the secret goes to ./herald-data of the directory the command ran in, as the README says");

            var cli = await new CliRunner { CurrentDirectory = root.FullName }.RunAsync("token", "--sub", "alice", "--attr", "admin");
            cli.ExitCode.ShouldBe(0, cli.ToString());
            var serverOutput = new ConcurrentQueue<string>();
            using (var own = DotnetRun(root.FullName, serverOutput, "token", "--sub", "bob"))
            {
                await own.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(90));
                own.ExitCode.ShouldBe(0, string.Join('\n', serverOutput));
            }

            foreach (var (token, user) in new[] { (cli.Output.Lines.Single(), "alice"), (serverOutput.Last(l => l.Length > 0), "bob") })
            {
                await using var client = await TestClient.ConnectAsync(new Uri(url.Replace("http", "ws", StringComparison.Ordinal) + "/ws?token=" + Uri.EscapeDataString(token)));
                (await client.NextOfTypeAsync("welcome")).Str("user").ShouldBe(user);
            }
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
            root.Delete(recursive: true);
        }
    }

    private static bool TryFindUrl(IEnumerable<string> output, out string url)
    {
        url = output.Select(l => ListeningUrl().Match(l)).FirstOrDefault(m => m.Success)?.Value ?? "";
        return url.Length > 0;
    }

    /// <summary><c>dotnet run --project &lt;repo&gt;/src/Herald.Server --no-build</c> in <paramref name="workingDirectory"/>, as a user types it.</summary>
    private static Process DotnetRun(string workingDirectory, ConcurrentQueue<string> output, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { "run", "--project", ServerProject(), "--no-build", "-c", Configuration(), "--" },
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // A hermetic start: none of this machine's Herald settings, a memory store.
        start.Environment["HERALD__STORE"] = "memory";
        start.Environment.Remove("HERALD_JWT_SECRET");
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => output.Enqueue(e.Data ?? "");
        process.ErrorDataReceived += (_, e) => output.Enqueue(e.Data ?? "");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static string ServerProject()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var project = Path.Combine(dir.FullName, "src", "Herald.Server", "Herald.Server.csproj");
            if (File.Exists(project))
            {
                return project;
            }
        }

        throw new FileNotFoundException("src/Herald.Server/Herald.Server.csproj was not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The configuration these tests were built in (bin/&lt;Configuration&gt;/&lt;tfm&gt;/), which the server was built in too.</summary>
    private static string Configuration() => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+")]
    private static partial Regex ListeningUrl();
}
