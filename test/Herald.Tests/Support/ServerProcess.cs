using System.Diagnostics;

namespace Herald.Tests.Support;

/// <summary>Runs the real server binary in a fresh working directory until it exits, as an operator would start it.</summary>
internal static class ServerProcess
{
    public static async Task<(int ExitCode, string Printed)> RunToExitAsync(IDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { typeof(Herald.Server.HeraldServerApp).Assembly.Location, "--urls", "http://127.0.0.1:0" },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = Directory.CreateTempSubdirectory("herald-cfg").FullName,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var stderr = process.StandardError.ReadToEndAsync(deadline.Token);
        var stdout = process.StandardOutput.ReadToEndAsync(deadline.Token);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }

        return (process.ExitCode, await stderr + await stdout);
    }
}
