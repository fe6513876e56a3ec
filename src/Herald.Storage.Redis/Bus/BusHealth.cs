namespace Herald.Storage.Redis.Bus;

/// <summary>
/// Whether this node's bus can deliver, kept by the bus itself so readiness is answered from
/// memory: every instance's subscriber connection answered its last ping, and no read-back has
/// failed or been running longer than <see cref="RedisOptions.ProbeTimeout"/>.
/// </summary>
internal sealed class BusHealth(int shards, TimeProvider time, TimeSpan probeTimeout)
{
    private readonly bool[] _listening = new bool[shards];
    private volatile bool _readBackFailing;
    private long _readBackStarted;

    public bool IsHealthy
    {
        get
        {
            var started = Interlocked.Read(ref _readBackStarted);
            return Array.TrueForAll(_listening, up => up) && !_readBackFailing && (started == 0 || time.GetElapsedTime(started) < probeTimeout);
        }
    }

    public void Listening(int shard, bool up) => Volatile.Write(ref _listening[shard], up);

    public void ReadBackStarted() => Interlocked.Exchange(ref _readBackStarted, Math.Max(1, time.GetTimestamp()));

    public void ReadBackEnded(bool succeeded)
    {
        _readBackFailing = !succeeded;
        Interlocked.Exchange(ref _readBackStarted, 0);
    }
}
