using System.Diagnostics;

namespace Herald.LoadGen.Metrics;

/// <summary>Samples server CPU, generator CPU, server RSS and deliveries every half second for the report's charts.</summary>
internal sealed class TimelineSampler : IAsyncDisposable
{
    private readonly List<TimelinePoint> _points = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    /// <param name="serverPid">Read at every sample: a server restarted by the scenario is a new process.</param>
    public TimelineSampler(Func<int> serverPid, Func<long> deliveries)
    {
        _loop = Task.Run(() => RunAsync(serverPid, deliveries, _stop.Token));
    }

    public IReadOnlyList<TimelinePoint> Points
    {
        get
        {
            lock (_points)
            {
                return [.. _points];
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task RunAsync(Func<int> serverPid, Func<long> deliveries, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        var lastTime = 0.0;
        var pid = serverPid();
        var lastServer = ProcStat.CpuSeconds(pid) ?? 0;
        var lastSelf = ProcStat.CpuSeconds(Environment.ProcessId) ?? 0;
        var lastDeliveries = deliveries();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        while (await timer.WaitForNextTickAsync(ct))
        {
            var now = Stopwatch.GetElapsedTime(start).TotalSeconds;
            if (serverPid() is var current && current != pid)
            {
                // A new process since the last sample: all of its CPU time so far falls in this interval.
                (pid, lastServer) = (current, 0);
            }

            var server = ProcStat.CpuSeconds(pid) ?? lastServer;
            var self = ProcStat.CpuSeconds(Environment.ProcessId) ?? lastSelf;
            var delivered = deliveries();
            var dt = now - lastTime;
            var point = new TimelinePoint(
                Math.Round(now, 2),
                Math.Round((server - lastServer) / dt, 3),
                Math.Round((self - lastSelf) / dt, 3),
                ProcStat.RssBytes(pid) ?? 0,
                Math.Round((delivered - lastDeliveries) / dt));
            lock (_points)
            {
                _points.Add(point);
            }

            (lastTime, lastServer, lastSelf, lastDeliveries) = (now, server, self, delivered);
        }
    }
}
