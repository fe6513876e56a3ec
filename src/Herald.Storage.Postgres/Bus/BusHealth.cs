namespace Herald.Storage.Postgres.Bus;

/// <summary>
/// Whether this node's bus can deliver, kept up to date by the bus itself so readiness is
/// answered from memory: the LISTEN connection answered its last probe, and no read-back has
/// failed or been running longer than <see cref="PostgresOptions.ProbeTimeout"/>.
/// </summary>
internal sealed class BusHealth(TimeProvider time, TimeSpan probeTimeout)
{
    private volatile bool _listening;
    private volatile bool _readBackFailing;
    private long _readBackStarted;

    public bool IsHealthy
    {
        get
        {
            var started = Interlocked.Read(ref _readBackStarted);
            return _listening && !_readBackFailing && (started == 0 || time.GetElapsedTime(started) < probeTimeout);
        }
    }

    public void Listening(bool up) => _listening = up;

    public void ReadBackStarted() => Interlocked.Exchange(ref _readBackStarted, Math.Max(1, time.GetTimestamp()));

    public void ReadBackEnded(bool succeeded)
    {
        _readBackFailing = !succeeded;
        Interlocked.Exchange(ref _readBackStarted, 0);
    }
}
