using System.Diagnostics;

namespace Herald.LoadGen.Metrics;

/// <summary>CPU used by the server and by the generator itself over one measured phase, in cores (1.0 = one core busy).</summary>
internal sealed class CpuWindow
{
    private readonly Func<int> _serverPid;
    private readonly double _serverStart;
    private readonly double _selfStart;
    private readonly long _started = Stopwatch.GetTimestamp();

    private readonly int _firstPid;

    /// <param name="serverPid">Read again at the end: a server restarted in between is a new process.</param>
    public CpuWindow(Func<int> serverPid)
    {
        _serverPid = serverPid;
        _firstPid = serverPid();
        _serverStart = ProcStat.CpuSeconds(_firstPid) ?? 0;
        _selfStart = ProcStat.CpuSeconds(Environment.ProcessId) ?? 0;
    }

    public CpuReading Stop()
    {
        var seconds = Stopwatch.GetElapsedTime(_started).TotalSeconds;
        var pid = _serverPid();
        // After a restart only the new process can be read: its whole life falls inside the window.
        var server = pid == _firstPid ? (ProcStat.CpuSeconds(pid) ?? _serverStart) - _serverStart : ProcStat.CpuSeconds(pid) ?? 0;
        var self = (ProcStat.CpuSeconds(Environment.ProcessId) ?? _selfStart) - _selfStart;
        return new CpuReading(seconds, server / seconds, self / seconds);
    }
}
