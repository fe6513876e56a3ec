using System.Diagnostics;
using System.Net;

namespace Herald.Tests.Deployment;

/// <summary>
/// The published server started as the container image and the systemd unit start it: from
/// the publish directory, with the working directory elsewhere and the data directory set.
/// </summary>
public sealed class PublishedServerTests
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    [Fact]
    public async Task The_published_output_runs_from_any_directory_with_its_data_where_it_is_told()
    {
        var root = Directory.CreateTempSubdirectory("herald-publish");
        try
        {
            var app = Path.Combine(root.FullName, "app");
            var data = Path.Combine(root.FullName, "data");
            var elsewhere = Directory.CreateDirectory(Path.Combine(root.FullName, "cwd")).FullName;

            // --no-build: the test project already built the server; publish only lays it out.
            await ProcessRunner.RunAsync("dotnet", ["publish", Path.Combine(RepoPaths.Root, "src", "Herald.Server", "Herald.Server.csproj"), "-c", Configuration, "--no-build", "--nologo", "-o", app], timeout: TimeSpan.FromMinutes(2));

            var port = FreePorts.Next();
            var start = new ProcessStartInfo("dotnet")
            {
                ArgumentList = { Path.Combine(app, "Herald.Server.dll") },
                WorkingDirectory = elsewhere,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.Environment["Herald__DataDirectory"] = data;
            start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
            using var server = Process.Start(start)!;
            var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
            server.OutputDataReceived += (_, e) => output.Enqueue(e.Data ?? "");
            server.ErrorDataReceived += (_, e) => output.Enqueue(e.Data ?? "");
            server.BeginOutputReadLine();
            server.BeginErrorReadLine();
            try
            {
                using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
                await Eventually.TrueAsync(async () => !server.HasExited && await ReadyAsync(http), "the published server to answer /health/ready", TimeSpan.FromSeconds(60));

                // The shipped appsettings.json (SQLite store) and wwwroot came along, and the data went where it was told.
                File.Exists(Path.Combine(data, "herald.db")).ShouldBeTrue(string.Join('\n', output));
                Directory.EnumerateFileSystemEntries(elsewhere).ShouldBeEmpty("nothing is written to the working directory");
                (await http.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.OK);
            }
            finally
            {
                server.Kill(entireProcessTree: true);
                await server.WaitForExitAsync();
            }
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    private static async Task<bool> ReadyAsync(HttpClient http)
    {
        try
        {
            return (await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }
}
