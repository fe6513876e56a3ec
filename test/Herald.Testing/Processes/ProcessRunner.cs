using System.Diagnostics;

namespace Herald.Testing;

/// <summary>Runs a command to completion with a deadline, as another user when asked (postgres refuses root).</summary>
public static class ProcessRunner
{
    public static bool IsRoot => Environment.UserName == "root";

    public static async Task<string> RunAsync(string file, IEnumerable<string> arguments, string? asUser = null, TimeSpan? timeout = null)
    {
        var run = await RunToExitAsync(file, arguments, asUser, timeout);
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} exited with {run.ExitCode}: {run.Stdout}{run.Stderr}");
        }

        return run.Stdout + run.Stderr;
    }

    /// <summary>Runs to the end whatever the exit code, for tests of the code and of what went to which stream.</summary>
    public static async Task<ProcessRun> RunToExitAsync(
        string file,
        IEnumerable<string> arguments,
        string? asUser = null,
        TimeSpan? timeout = null,
        string? workingDirectory = null,
        IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "",
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        if (asUser is not null)
        {
            start.FileName = "runuser";
            start.ArgumentList.Add("-u");
            start.ArgumentList.Add(asUser);
            start.ArgumentList.Add("--");
            start.ArgumentList.Add(file);
        }
        else
        {
            start.FileName = file;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', start.ArgumentList)} did not finish in time.");
        }

        return new ProcessRun(process.ExitCode, await stdout, await stderr);
    }
}
