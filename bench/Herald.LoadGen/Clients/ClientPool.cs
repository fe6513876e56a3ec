using System.Diagnostics;
using Herald.LoadGen.Metrics;
using Herald.LoadGen.Protocols;

namespace Herald.LoadGen.Clients;

/// <summary>All subscribers of one run: connects them with bounded concurrency and retries, drops them, checks them.</summary>
internal sealed class ClientPool
{
    private readonly List<SubscriberClient> _clients;
    private int _open;

    public ClientPool(int count, WireProtocol protocol, Net.LoopbackSources sources, DeliveryStats stats, Func<int, string[]> channelsOf, int receiveBufferSize)
    {
        _clients = new List<SubscriberClient>(count);
        for (var i = 0; i < count; i++)
        {
            var client = new SubscriberClient(i, protocol, sources, stats, channelsOf(i), receiveBufferSize);
            client.Disconnected += _ => Interlocked.Decrement(ref _open);
            _clients.Add(client);
        }
    }

    public IReadOnlyList<SubscriberClient> Clients => _clients;

    /// <summary>Subscribers connected right now.</summary>
    public int Open => Volatile.Read(ref _open);

    /// <summary>
    /// Connects every client that is not open. <paramref name="concurrency"/> 0 means all at once (a storm).
    /// Each client retries with jittered backoff until <paramref name="deadline"/>.
    /// </summary>
    public async Task<ConnectReport> ConnectAllAsync(bool resume, int concurrency, TimeSpan deadline, CancellationToken ct, long? startedAt = null)
    {
        var started = startedAt ?? Stopwatch.GetTimestamp();
        var perClient = new LatencyHistogram();
        var pending = _clients.Where(c => !c.IsOpen).ToList();
        using var gate = new SemaphoreSlim(concurrency <= 0 ? pending.Count + 1 : concurrency);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(deadline);
        string? firstError = null;
        var failed = 0;

        async Task ConnectOneAsync(SubscriberClient client)
        {
            await gate.WaitAsync(timeout.Token);
            try
            {
                var attempt = 0;
                while (true)
                {
                    try
                    {
                        await client.ConnectAsync(resume, timeout.Token);
                        Interlocked.Increment(ref _open);
                        perClient.Record((long)Stopwatch.GetElapsedTime(started).TotalMicroseconds);
                        return;
                    }
                    catch (Exception e) when (!timeout.IsCancellationRequested)
                    {
                        Interlocked.CompareExchange(ref firstError, $"{e.GetType().Name}: {e.Message}", null);
                        attempt++;
                        await Task.Delay(Random.Shared.Next(20, 100) * Math.Min(attempt, 10), timeout.Token);
                    }
                }
            }
            finally
            {
                gate.Release();
            }
        }

        var tasks = pending.Select(c => Task.Run(() => ConnectOneAsync(c), CancellationToken.None)).ToArray();
        foreach (var task in tasks)
        {
            try
            {
                await task;
            }
            catch (Exception)
            {
                // Out of time (the deadline) or out of retries: reported as a failed connection, not a crash.
                failed++;
            }
        }

        return new ConnectReport(pending.Count, pending.Count - failed, failed, Stopwatch.GetElapsedTime(started).TotalSeconds, perClient, firstError);
    }

    /// <summary>Drops every connection at the same moment.</summary>
    public void AbortAll()
    {
        foreach (var client in _clients)
        {
            client.Abort();
        }
    }

    /// <summary>Waits until no client is open (after an abort or a server stop), at most <paramref name="timeout"/>.</summary>
    public async Task WaitAllClosedAsync(TimeSpan timeout)
    {
        var until = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (_clients.Any(c => c.IsOpen) && Stopwatch.GetTimestamp() < until)
        {
            await Task.Delay(10);
        }
    }

    public async Task StopAllAsync()
    {
        await Task.WhenAll(_clients.Select(c => c.StopAsync()));
    }

    /// <summary>Counts lost, duplicated and out-of-order events against the last offset each channel was acknowledged at.</summary>
    public LossReport Check(Func<string, long?> finalOffset)
    {
        long lost = 0, dup = 0, ooo = 0, recovered = 0, unrecovered = 0;
        int checkedClients = 0, disconnected = 0;
        foreach (var client in _clients)
        {
            foreach (var cursor in client.Cursors)
            {
                dup += cursor.Duplicates;
                ooo += cursor.OutOfOrder;
                recovered += cursor.Recovered;
                unrecovered += cursor.Unrecovered;
            }

            if (!client.IsOpen)
            {
                // A closed connection is reported as such (Herald closes, never drops silently); its gap is not a loss.
                disconnected++;
                continue;
            }

            checkedClients++;
            foreach (var cursor in client.Cursors)
            {
                if (finalOffset(cursor.Name) is { } final)
                {
                    lost += cursor.CountLost(final);
                }
            }
        }

        return new LossReport(lost, dup, ooo, recovered, unrecovered, checkedClients, disconnected);
    }
}
