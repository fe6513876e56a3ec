using System.Diagnostics;

namespace Herald.LoadGen.Metrics;

/// <summary>CPU used by the server and by the generator itself over one measured phase, in cores (1.0 = one core busy).</summary>
internal sealed class CpuWindow
{
    private readonly int _serverPid;
    private readonly double _serverStart;
    private readonly double _selfStart;
    private readonly long _started = Stopwatch.GetTimestamp();

    public CpuWindow(int serverPid)
    {
        _serverPid = serverPid;
        _serverStart = ProcStat.CpuSeconds(serverPid) ?? 0;
        _selfStart = ProcStat.CpuSeconds(Environment.ProcessId) ?? 0;
    }

    public CpuReading Stop()
    {
        var seconds = Stopwatch.GetElapsedTime(_started).TotalSeconds;
        var server = (ProcStat.CpuSeconds(_serverPid) ?? _serverStart) - _serverStart;
        var self = (ProcStat.CpuSeconds(Environment.ProcessId) ?? _selfStart) - _selfStart;
        return new CpuReading(seconds, server / seconds, self / seconds);
    }
}
