using System.Diagnostics;
using System.Text.Json;
using Herald.LoadGen.Metrics;

namespace Herald.LoadGen.Publishing;

/// <summary>
/// One sequential stream of publish requests. Requests of a lane never overlap, so every server sees each
/// channel's messages in order and offsets can be checked exactly; more throughput means more lanes, or batches.
/// </summary>
internal sealed class PublishLane
{
    private static readonly TimeSpan StallLimit = TimeSpan.FromSeconds(2);
    private readonly PublishClient _client;
    private readonly IWorkload _workload;
    private readonly int _batch;
    private readonly bool _retryFailures;
    private readonly long[] _acked;
    private readonly string[] _names;
    private long _sequence;
    private long _published;
    private long _expected;
    private long _errors;

    public PublishLane(PublishClient client, IWorkload workload, int batchSize, bool retryFailures)
    {
        _client = client;
        _workload = workload;
        _batch = Math.Max(1, batchSize);
        _retryFailures = retryFailures;
        _acked = Enumerable.Repeat(-1L, workload.Channels.Count).ToArray();
        _names = new string[_batch];
    }

    public long Published => Volatile.Read(ref _published);

    /// <summary>Deliveries the acknowledged messages should cause, counted at acknowledgement.</summary>
    public long ExpectedDeliveries => Volatile.Read(ref _expected);

    public long Errors => Volatile.Read(ref _errors);

    public string? LastError { get; private set; }

    /// <summary>Request round trips in microseconds, while <see cref="RecordAcks"/>.</summary>
    public LatencyHistogram AckMicros { get; } = new();

    public bool RecordAcks { get; set; }

    /// <summary>Adjusts each message's timestamp (by a few ticks at most), e.g. to tag the node it is published to.</summary>
    public Func<long, long>? Stamp { get; init; }

    public long? FinalOffset(string channel)
    {
        for (var i = 0; i < _workload.Channels.Count; i++)
        {
            if (_workload.Channels[i] == channel)
            {
                return _acked[i] < 0 ? null : _acked[i];
            }
        }

        return null;
    }

    /// <summary>
    /// As fast as the system delivers: publish while <paramref name="mayPublish"/> says the deliveries in flight
    /// are under the window (a closed loop, so no server is pushed into unbounded queueing).
    /// </summary>
    public async Task RunClosedLoopAsync(Func<bool> mayPublish, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var waitStarted = Stopwatch.GetTimestamp();
            while (!mayPublish() && !stop.IsCancellationRequested && Stopwatch.GetElapsedTime(waitStarted) < StallLimit)
            {
                await Task.Delay(1, CancellationToken.None);
            }

            if (stop.IsCancellationRequested)
            {
                return;
            }

            await PublishNextAsync(Stopwatch.GetTimestamp(), stop);
        }
    }

    /// <summary>
    /// A fixed rate in messages per second. The timestamp in each message is when it was due, not when it went
    /// out, so a publisher that falls behind shows up as latency (no coordinated omission).
    /// </summary>
    /// <param name="phaseSeconds">Offset of this lane's schedule, so that several lanes at one rate interleave.</param>
    public async Task RunFixedRateAsync(double messagesPerSecond, CancellationToken stop, double phaseSeconds = 0)
    {
        var start = Stopwatch.GetTimestamp() + (long)(phaseSeconds * Stopwatch.Frequency);
        long sent = 0;
        while (!stop.IsCancellationRequested)
        {
            var due = start + (long)(sent * (double)Stopwatch.Frequency / messagesPerSecond);
            var wait = (due - Stopwatch.GetTimestamp()) * 1000.0 / Stopwatch.Frequency;
            if (wait >= 2)
            {
                // Timers fire up to a millisecond late; sleep short of the due time and yield for the rest.
                await Task.Delay(TimeSpan.FromMilliseconds(wait - 1.5), CancellationToken.None);
                continue;
            }

            if (wait > 0.02)
            {
                await Task.Yield();
                continue;
            }

            await PublishNextAsync(Stamp is null ? due : Stamp(due), stop);
            sent += _batch;
        }
    }

    private async Task PublishNextAsync(long timestamp, CancellationToken stop)
    {
        var indexes = new int[_batch];
        for (var b = 0; b < _batch; b++)
        {
            indexes[b] = _workload.ChannelOf(_sequence + b);
            _names[b] = _workload.Channels[indexes[b]];
        }

        var started = Stopwatch.GetTimestamp();
        long[] offsets;
        while (true)
        {
            try
            {
                // In-flight requests are never cancelled: a cancelled request may still publish, which would
                // make the final offsets (and the loss count built on them) wrong.
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                offsets = await _client.PublishAsync(_names, timestamp, timeout.Token);
                break;
            }
            catch (Exception e) when (e is HttpRequestException or PublishException or OperationCanceledException or JsonException or KeyNotFoundException or InvalidOperationException)
            {
                Interlocked.Increment(ref _errors);
                LastError = $"{e.GetType().Name}: {e.Message}";
                if (!_retryFailures || stop.IsCancellationRequested)
                {
                    _sequence += _batch;
                    await Task.Delay(10, CancellationToken.None);
                    return;
                }

                await Task.Delay(20, CancellationToken.None);
            }
        }

        if (RecordAcks)
        {
            AckMicros.Record((long)Stopwatch.GetElapsedTime(started).TotalMicroseconds);
        }

        long expected = 0;
        for (var b = 0; b < offsets.Length && b < _batch; b++)
        {
            // The latest acknowledgement wins: after a restart without durable history offsets start again.
            _acked[indexes[b]] = offsets[b];
            expected += _workload.RecipientsOf(indexes[b]);
        }

        Interlocked.Add(ref _expected, expected);
        Interlocked.Add(ref _published, _batch);
        _sequence += _batch;
    }
}
