using System.Runtime.ExceptionServices;
using Herald.Log;
using Herald.Security;

namespace Herald.Hub;

/// <summary>
/// Delivers one run to a large channel on several threads: the dispatcher and up to
/// <see cref="Threads"/> - 1 thread-pool helpers each take the next chunk of 256 recipients until
/// none is left. Every chunk of a run is delivered before the next run starts, so each recipient
/// still gets its events in offset order.
/// </summary>
/// <remarks>
/// Chunks are taken one at a time, so a helper the OS preempts holds back one chunk, not half the
/// channel, and a pool too busy to send helpers only costs parallelism: the dispatcher takes every
/// chunk nobody else did. The helpers are made once and reused: nothing is allocated per run or per
/// delivery. A helper queued for an earlier run that starts late finds no chunk left and returns.
/// </remarks>
internal sealed class FanOutStripes
{
    private readonly Helper[] _helpers;
    private readonly ManualResetEventSlim _finished = new(false);
    private LogEntry[] _run = [];
    private AttributeRequirement?[] _requirements = [];
    private int _runLength;
    private Subscription[][] _chunks = [];
    // The run's chunk count (high half) and the chunks taken so far (low half), in one word: a
    // helper that takes a ticket learns from the same atomic step whether it got a chunk of this
    // run. Zero while a run is set up, so a late helper cannot take a chunk of a half-built run.
    private long _ticket;
    private int _done;
    private int _delivered;
    private ExceptionDispatchInfo? _failure;

    public FanOutStripes(int threads)
    {
        _helpers = new Helper[Math.Max(0, threads - 1)];
        for (var i = 0; i < _helpers.Length; i++)
        {
            _helpers[i] = new Helper(this);
        }
    }

    public int Threads => _helpers.Length + 1;

    /// <summary>Only past one chunk: below that, waking another thread costs more than it saves.</summary>
    public bool Worthwhile(Subscription[][] chunks) => _helpers.Length > 0 && chunks.Length > 1;

    /// <summary>Called by the single dispatcher: delivers the run to every subscription of <paramref name="chunks"/>.</summary>
    public int Deliver(Subscription[][] chunks, ReadOnlySpan<LogEntry> run, ReadOnlySpan<AttributeRequirement?> requirements)
    {
        Interlocked.Exchange(ref _ticket, 0);
        Prepare(chunks, run, requirements);
        _finished.Reset();
        Interlocked.Exchange(ref _ticket, (long)chunks.Length << 32);
        var helpers = Math.Min(_helpers.Length, chunks.Length - 1);
        for (var i = 0; i < helpers; i++)
        {
            ThreadPool.UnsafeQueueUserWorkItem(_helpers[i], preferLocal: false);
        }

        TakeChunks();
        while (Volatile.Read(ref _done) < chunks.Length)
        {
            _finished.Wait();
        }

        var delivered = _delivered;
        Release();
        var failure = Interlocked.Exchange(ref _failure, null);
        failure?.Throw();
        return delivered;
    }

    private void Prepare(Subscription[][] chunks, ReadOnlySpan<LogEntry> run, ReadOnlySpan<AttributeRequirement?> requirements)
    {
        if (_run.Length < run.Length)
        {
            _run = new LogEntry[Math.Max(run.Length, _run.Length * 2)];
            _requirements = new AttributeRequirement?[_run.Length];
        }

        run.CopyTo(_run);
        requirements[..run.Length].CopyTo(_requirements);
        _runLength = run.Length;
        _chunks = chunks;
        _done = 0;
        _delivered = 0;
    }

    // Nothing of a run outlives it: the stripes keep neither its events nor the snapshot alive.
    private void Release()
    {
        Array.Clear(_run, 0, _runLength);
        Array.Clear(_requirements, 0, _runLength);
        _runLength = 0;
        _chunks = [];
    }

    /// <summary>Delivers chunks until none of this run is left.</summary>
    private void TakeChunks()
    {
        while (true)
        {
            var ticket = Interlocked.Increment(ref _ticket);
            var chunk = (int)(ticket & uint.MaxValue) - 1;
            if (chunk >= (int)(ticket >> 32))
            {
                return;
            }

            // The run cannot move on before this chunk is done: its state is this run's.
            var chunks = _chunks;
            try
            {
                var delivered = ChunkDelivery.Deliver(chunks[chunk], _run.AsSpan(0, _runLength), _requirements.AsSpan(0, _runLength));
                Interlocked.Add(ref _delivered, delivered);
            }
            catch (Exception ex)
            {
                Interlocked.CompareExchange(ref _failure, ExceptionDispatchInfo.Capture(ex), null);
            }

            if (Interlocked.Increment(ref _done) == chunks.Length)
            {
                _finished.Set();
            }
        }
    }

    private sealed class Helper(FanOutStripes owner) : IThreadPoolWorkItem
    {
        public void Execute() => owner.TakeChunks();
    }
}
