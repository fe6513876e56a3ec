using Herald.Cli;

namespace Herald.Client.Tests.Support;

/// <summary>Runs `herald` in-process with its own stdout, stderr, stdin and environment.</summary>
public sealed class CliRunner(Dictionary<string, string?>? environment = null)
{
    public Dictionary<string, string?> Environment { get; } = environment ?? [];

    public string CurrentDirectory { get; set; } = Directory.GetCurrentDirectory();

    public static CliRunner For(HeraldTestServer server, string? token = null, string? apiKey = null) => new(new()
    {
        ["HERALD_URL"] = server.BaseAddress.ToString(),
        ["HERALD_TOKEN"] = token,
        ["HERALD_API_KEY"] = apiKey,
    });

    public async Task<CliResult> RunAsync(params string[] args) => await RunAsync(args, stdin: null, CancellationToken.None);

    public async Task<CliResult> RunAsync(string[] args, string? stdin, CancellationToken cancellationToken)
    {
        var run = Start(args, stdin, cancellationToken);
        return await run.Completion.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
    }

    /// <summary>Starts a long-running command (tail, stats); read its output while it runs.</summary>
    public CliRun Start(string[] args, string? stdin = null, CancellationToken cancellationToken = default)
    {
        var output = new LineWriter();
        var error = new LineWriter();
        var context = new CliContext
        {
            Out = output,
            Error = error,
            In = new StringReader(stdin ?? ""),
            Environment = name => Environment.GetValueOrDefault(name),
            CurrentDirectory = CurrentDirectory,
        };
        var completion = Task.Run(async () => new CliResult(await CliApp.RunAsync(args, context, cancellationToken), output, error), cancellationToken);
        return new CliRun(output, error, completion);
    }
}

public sealed record CliRun(LineWriter Output, LineWriter Error, Task<CliResult> Completion);

public sealed record CliResult(int ExitCode, LineWriter Output, LineWriter Error)
{
    public string Stdout => Output.Text;

    public string Stderr => Error.Text;

    public override string ToString() => $"exit {ExitCode}; stdout: {Stdout}; stderr: {Stderr}";
}
