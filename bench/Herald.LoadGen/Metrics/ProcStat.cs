using System.Globalization;

namespace Herald.LoadGen.Metrics;

/// <summary>Reads a process's CPU time and resident memory from /proc; the same source for every server.</summary>
internal static class ProcStat
{
    // USER_HZ is 100 on every Linux ABI .NET runs on.
    private const double TicksPerSecond = 100.0;

    /// <summary>User plus system CPU seconds of all threads, or null once the process is gone.</summary>
    public static double? CpuSeconds(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            // The command name may hold spaces; the fields we want follow its closing parenthesis.
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            var utime = long.Parse(fields[11], CultureInfo.InvariantCulture);
            var stime = long.Parse(fields[12], CultureInfo.InvariantCulture);
            return (utime + stime) / TicksPerSecond;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Resident set size in bytes (VmRSS), or null once the process is gone.</summary>
    public static long? RssBytes(int pid) => StatusField(pid, "VmRSS:");

    /// <summary>Peak resident set size in bytes (VmHWM).</summary>
    public static long? PeakRssBytes(int pid) => StatusField(pid, "VmHWM:");

    /// <summary>Open file descriptors of a process.</summary>
    public static int? OpenFiles(int pid)
    {
        try
        {
            return Directory.GetFiles($"/proc/{pid}/fd").Length;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static long? StatusField(int pid, string name)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith(name, StringComparison.Ordinal))
                {
                    var kb = line[name.Length..].Trim().Split(' ')[0];
                    return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }

        return null;
    }
}
