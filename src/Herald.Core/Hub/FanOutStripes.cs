using System.Runtime.ExceptionServices;
using Herald.Log;
using Herald.Security;

namespace Herald.Hub;

/// <summary>
/// Splits one run's recipients into stripes of whole chunks and delivers them on several threads: the
/// dispatcher takes a stripe itself and queues the others to the thread pool. Every stripe of a run
/// ends before the next run starts, so each recipient still gets its events in offset order.
/// </summary>
/// <remarks>
/// A stripe nobody has picked up yet when the dispatcher is done with its own is taken back by the
/// dispatcher (each stripe is claimed once), so a busy pool only costs parallelism, never progress.
/// The work items are made once and reused: nothing is allocated per run or per delivery.
/// </remarks>
internal sealed class FanOutStripes
{
    private readonly Stripe[] _stripes;
    private readonly ManualResetEventSlim _finished = new(false);
    private LogEntry[] _run = [];
    private AttributeRequirement?[] _requirements = [];
    private int _runLength;
    private Subscription[][] _chunks = [];
    private int _remaining;
    private ExceptionDispatchInfo? _failure;

    public FanOutStripes(int threads)
    {
        _stripes = new Stripe[Math.Max(1, threads)];
        for (var i = 0; i < _stripes.Length; i++)
        {
            _stripes[i] = new Stripe(this);
        }
    }

    public int Threads => _stripes.Length;

    /// <summary>Stripes only pay off past a chunk: below that, waking another thread costs more than it saves.</summary>
    public bool Worthwhile(Subscription[][] chunks) => _stripes.Length > 1 && chunks.Length > 1;

    /// <summary>Called by the single dispatcher: delivers the run to every subscription of <paramref name="chunks"/>.</summary>
    public int Deliver(Subscription[][] chunks, ReadOnlySpan<LogEntry> run, ReadOnlySpan<AttributeRequirement?> requirements)
    {
        var count = Math.Min(_stripes.Length, chunks.Length);
        Prepare(chunks, run, requirements);
        _remaining = count;
        _finished.Reset();
        for (var i = 0; i < count; i++)
        {
            var perStripe = (chunks.Length + count - 1) / count;
            _stripes[i].Arm(i * perStripe, Math.Min(chunks.Length, (i + 1) * perStripe));
        }

        for (var i = 1; i < count; i++)
        {
            ThreadPool.UnsafeQueueUserWorkItem(_stripes[i], preferLocal: false);
        }

        // The dispatcher's own stripe first, then any the pool has not started.
        for (var i = 0; i < count; i++)
        {
            _stripes[i].TryRun();
        }

        while (Volatile.Read(ref _remaining) != 0)
        {
            _finished.Wait();
        }

        var delivered = 0;
        for (var i = 0; i < count; i++)
        {
            delivered += _stripes[i].Delivered;
        }

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
    }

    // Nothing of a run outlives it: the events and the snapshot are not kept alive by the stripes.
    private void Release()
    {
        Array.Clear(_run, 0, _runLength);
        Array.Clear(_requirements, 0, _runLength);
        _runLength = 0;
        _chunks = [];
    }

    private void Run(int fromChunk, int toChunk, ref int delivered)
    {
        var run = _run.AsSpan(0, _runLength);
        var requirements = _requirements.AsSpan(0, _runLength);
        for (var c = fromChunk; c < toChunk; c++)
        {
            delivered += ChunkDelivery.Deliver(_chunks[c], run, requirements);
        }
    }

    private void Finished(Exception? failure)
    {
        if (failure is not null)
        {
            Interlocked.CompareExchange(ref _failure, ExceptionDispatchInfo.Capture(failure), null);
        }

        if (Interlocked.Decrement(ref _remaining) == 0)
        {
            _finished.Set();
        }
    }

    private sealed class Stripe(FanOutStripes owner) : IThreadPoolWorkItem
    {
        private int _claimed = 1;
        private int _from;
        private int _to;

        public int Delivered { get; private set; }

        public void Arm(int from, int to)
        {
            (_from, _to, Delivered) = (from, to, 0);
            Volatile.Write(ref _claimed, 0);
        }

        /// <summary>A work item queued for an earlier run finds its stripe claimed and does nothing.</summary>
        public void Execute() => TryRun();

        public void TryRun()
        {
            if (Interlocked.CompareExchange(ref _claimed, 1, 0) != 0)
            {
                return;
            }

            var delivered = 0;
            try
            {
                owner.Run(_from, _to, ref delivered);
                Delivered = delivered;
                owner.Finished(null);
            }
            catch (Exception ex)
            {
                Delivered = delivered;
                owner.Finished(ex);
            }
        }
    }
}
