using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Herald.LoadGen.Results;

/// <summary>The machine a run was measured on, read from /proc so the report says exactly what it was.</summary>
internal sealed record MachineInfo(string CpuModel, int Cores, double MemoryGiB, string Kernel, string Dotnet, string Node, string GitCommit, long FdLimit, string LoadAverage)
{
    public static MachineInfo Read()
    {
        var model = ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";
        var memKb = ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))?
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        var fd = ReadLines("/proc/self/limits").FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal))?
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[3];
        return new MachineInfo(
            model,
            System.Environment.ProcessorCount > 0 ? CountCpus() : 0,
            memKb is null ? 0 : Math.Round(long.Parse(memKb, System.Globalization.CultureInfo.InvariantCulture) / 1048576.0, 1),
            RuntimeInformation.OSDescription,
            RuntimeInformation.FrameworkDescription,
            Run("node", "--version"),
            Run("git", "rev-parse --short HEAD"),
            fd is null ? 0 : long.Parse(fd, System.Globalization.CultureInfo.InvariantCulture),
            // Other work on the machine skews every figure; the report says how busy it was.
            File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown");
    }

    // Environment.ProcessorCount reflects this process's affinity (taskset); the machine's count is in /proc.
    private static int CountCpus() => ReadLines("/proc/cpuinfo").Count(l => l.StartsWith("processor", StringComparison.Ordinal));

    private static IEnumerable<string> ReadLines(string path) => File.Exists(path) ? File.ReadLines(path) : [];

    private static string Run(string file, string args)
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var text = p.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit();
            return text;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "not found";
        }
    }
}
