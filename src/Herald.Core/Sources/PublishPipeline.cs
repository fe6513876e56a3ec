using System.Threading.Channels;
using Herald.Bus;
using Herald.Configuration;
using Herald.Diagnostics;
using Herald.Log;
using Herald.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Herald.Sources;

/// <summary>
/// Where every event enters: requests are queued, appended to the log in groups (one commit
/// for many concurrent publishes), then handed to the bus in commit order. A single writer
/// loop is what makes per-channel offset order and bus order the same thing. Each publish
/// waits at most <see cref="HeraldOptions.PublishTimeout"/>: a store that stopped answering
/// must not hold publishers for as long as the network takes to give up.
/// </summary>
internal sealed partial class PublishPipeline : IHeraldPublisher, IAsyncDisposable
{
    private const int MaxGroup = 512;

    private readonly Channel<PendingBatch> _queue = Channel.CreateUnbounded<PendingBatch>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IEventLog _log;
    private readonly IEventBus _bus;
    private readonly PublishValidator _validator;
    private readonly HeraldCounters _counters;
    private readonly ILogger<PublishPipeline> _logger;
    private readonly HeraldMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly TimeSpan _timeout;
    private readonly Task _loop;

    public PublishPipeline(IEventLog log, IEventBus bus, PublishValidator validator, HeraldCounters counters, HeraldMetrics metrics, TimeProvider time, IOptions<HeraldOptions> options, ILogger<PublishPipeline> logger)
    {
        _timeout = options.Value.PublishTimeout;
        _log = log;
        _bus = bus;
        _validator = validator;
        _counters = counters;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    public async ValueTask<PublishResult> PublishAsync(PublishRequest request, CancellationToken cancellationToken = default)
    {
        var results = await EnqueueAsync([_validator.Validate(request)], cancellationToken);
        return results[0];
    }

    public async ValueTask<IReadOnlyList<PublishResult>> PublishBatchAsync(IReadOnlyList<PublishRequest> requests, CancellationToken cancellationToken = default)
    {
        if (requests.Count == 0)
        {
            return [];
        }

        var appends = new AppendRequest[requests.Count];
        for (var i = 0; i < requests.Count; i++)
        {
            appends[i] = _validator.Validate(requests[i], i);
        }

        return await EnqueueAsync(appends, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        // Shutdown finishes what was accepted: the loop drains the queue before it ends.
        _queue.Writer.TryComplete();
        await _loop;
    }

    private async ValueTask<PublishResult[]> EnqueueAsync(AppendRequest[] appends, CancellationToken cancellationToken)
    {
        var pending = new PendingBatch(appends, _time.GetTimestamp());
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new PublishException(ErrorCodes.Internal, "The server is shutting down.");
        }

        try
        {
            return await pending.Completion.Task.WaitAsync(_timeout, _time, cancellationToken);
        }
        catch (TimeoutException)
        {
            // Still queued: the loop skips it, so it never commits. Already appending: it may.
            pending.Completion.TrySetCanceled(CancellationToken.None);
            Log.TimedOut(_logger, appends.Length, _timeout);
            throw new PublishException(ErrorCodes.Internal, $"The event store did not answer within {_timeout.TotalSeconds:0.###} s. The publish may still have committed: retry with the same idempotency_key.");
        }
    }

    private async Task RunAsync()
    {
        var group = new List<PendingBatch>();
        var requests = new List<AppendRequest>();
        var committed = new List<LogEntry>();
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync())
        {
            group.Clear();
            requests.Clear();
            committed.Clear();
            while (requests.Count < MaxGroup && reader.TryRead(out var batch))
            {
                if (batch.Completion.Task.IsCompleted)
                {
                    // Its publisher was already told it timed out; appending it now would be a surprise.
                    continue;
                }

                group.Add(batch);
                requests.AddRange(batch.Requests);
            }

            if (group.Count == 0)
            {
                continue;
            }

            try
            {
                var appendStarted = _time.GetTimestamp();
                var outcomes = await _log.AppendAsync(requests, CancellationToken.None);
                _metrics.Appended(_time.GetElapsedTime(appendStarted));
                foreach (var outcome in outcomes)
                {
                    if (outcome.Committed is { } entry)
                    {
                        committed.Add(entry);
                    }
                }

                _counters.Committed(committed.Count);
                await _bus.PublishAsync(committed, CancellationToken.None);
                _counters.EventsPublished(committed.Count);
                Complete(group, outcomes);
            }
            catch (Exception ex)
            {
                Log.AppendFailed(_logger, requests.Count, ex);
                var failure = new PublishException(ErrorCodes.Internal, "The event store did not accept the publish; nothing was acknowledged.");
                foreach (var batch in group)
                {
                    batch.Completion.TrySetException(failure);
                }
            }
        }
    }

    private void Complete(List<PendingBatch> group, IReadOnlyList<AppendOutcome> outcomes)
    {
        var next = 0;
        foreach (var batch in group)
        {
            var results = new PublishResult[batch.Requests.Length];
            for (var i = 0; i < results.Length; i++, next++)
            {
                var o = outcomes[next];
                results[i] = new PublishResult(o.Channel, o.Epoch, o.Offset);
            }

            _metrics.Published(_time.GetElapsedTime(batch.Enqueued));
            batch.Completion.TrySetResult(results);
        }
    }

    private sealed class PendingBatch(AppendRequest[] requests, long enqueued)
    {
        public AppendRequest[] Requests { get; } = requests;

        public long Enqueued { get; } = enqueued;

        public TaskCompletionSource<PublishResult[]> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
