using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace Herald.Client.Tests.Docs;

/// <summary>
/// A <c>dotnet new web</c>-style project made of documented code: its <c>Program.cs</c> and
/// <c>appsettings.json</c> are snippets, and it references Herald.AspNetCore as the README says.
/// Built with the configuration of this test assembly, against the Herald binaries already built.
/// </summary>
public sealed partial class SnippetApp : IAsyncDisposable
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(5);

    private readonly StringBuilder _output = new();
    private Process? _process;

    private readonly string _configuration;

    private SnippetApp(string directory, string configuration)
    {
        Directory = directory;
        _configuration = configuration;
    }

    public string Directory { get; }

    public Uri? BaseAddress { get; private set; }

    /// <summary>Everything the app wrote to stdout and stderr so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<SnippetApp> BuildAsync(string program, string appsettings)
    {
        var directory = Path.Combine(Path.GetTempPath(), "herald-docs-" + Guid.NewGuid().ToString("N")[..8]);
        System.IO.Directory.CreateDirectory(directory);
        var reference = Path.Combine(RepoPaths.Root, "src", "Herald.AspNetCore", "Herald.AspNetCore.csproj");
        await File.WriteAllTextAsync(Path.Combine(directory, "DocsApp.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="{reference}" />
              </ItemGroup>
            </Project>
            """);
        await File.WriteAllTextAsync(Path.Combine(directory, "Program.cs"), program);
        await File.WriteAllTextAsync(Path.Combine(directory, "appsettings.json"), appsettings);

        // Herald's projects are built already (this test references them): build only the snippets.
        var configuration = typeof(SnippetApp).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var app = new SnippetApp(directory, configuration);
        // No -o: it would move the referenced projects' output paths too.
        var (code, output) = await RunToEndAsync(directory, BuildTimeout, "build", "DocsApp.csproj", "-c", configuration,
            "-p:BuildProjectReferences=false", "-nologo", "-v", "quiet");
        if (code != 0)
        {
            await app.DisposeAsync();
        }

        code.ShouldBe(0, "the documented code must build as a dotnet new web app:\n" + output);
        return app;
    }

    /// <summary>Starts the built app on a free port of 127.0.0.1 and waits for Kestrel's "Now listening on".</summary>
    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Path.Combine(Directory, "bin", _configuration, "net10.0", "DocsApp.dll"), "--urls", "http://127.0.0.1:0" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["Logging__Console__FormatterName"] = "simple";
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Append(e.Data, listening);
        _process.ErrorDataReceived += (_, e) => Append(e.Data, listening);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var exited = _process.WaitForExitAsync();
        var first = await Task.WhenAny(listening.Task, exited, Task.Delay(TimeSpan.FromSeconds(60)));
        first.ShouldBe(listening.Task, "the app must start and listen:\n" + Output);
        BaseAddress = await listening.Task;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp directory left behind is harmless.
        }
    }

    private void Append(string? line, TaskCompletionSource<Uri> listening)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (Listening().Match(line) is { Success: true } match)
        {
            listening.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }

    private static async Task<(int Code, string Output)> RunToEndAsync(string directory, TimeSpan timeout, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet", arguments) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', arguments)} took longer than {timeout}");
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex Listening();
}
