using StackExchange.Redis;

namespace Herald.Storage.Redis.Bus;

/// <summary>
/// One subscriber connection per instance. A connection reset is noticed by the client, which
/// reconnects and subscribes again by itself; a connection that a middlebox stopped forwarding
/// fails nothing, so every <see cref="RedisOptions.ProbeInterval"/> the bus pings on it and, with no
/// answer within <see cref="RedisOptions.ProbeTimeout"/>, replaces the instance's connections.
/// After any failed ping the bus reads back what moved on that instance, twice: right away, and
/// after the next good ping, in case the subscription came back after the first read.
/// </summary>
internal sealed partial class RedisEventBus
{
    private const int CatchUpsAfterTrouble = 2;

    private async Task ListenAsync(RedisShard shard, CancellationToken stop)
    {
        var lost = false;
        var backoff = TimeSpan.FromMilliseconds(100);
        while (!stop.IsCancellationRequested)
        {
            IConnectionMultiplexer? multiplexer = null;
            ChannelMessageQueue? queue = null;
            try
            {
                multiplexer = await shard.ConnectAsync(stop).ConfigureAwait(false);
                var generation = shard.Generation;
                var subscriber = multiplexer.GetSubscriber();
                queue = await subscriber.SubscribeAsync(_connections.Keys.Notifications).WaitAsync(_connections.Options.ProbeTimeout, _time, stop).ConfigureAwait(false);
                queue.OnMessage(message => { _signals.Writer.TryWrite(new Signal(shard.Index, message.Message.ToString())); });

                // Anything committed before the subscription took effect is found by this catch-up.
                _signals.Writer.TryWrite(new Signal(shard.Index, null));
                if (lost)
                {
                    Log.SubscriptionBack(_logger, shard.Endpoint);
                }

                lost = false;
                backoff = TimeSpan.FromMilliseconds(100);
                await WatchAsync(shard, subscriber, generation, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
            {
                if (!lost)
                {
                    Log.SubscriptionLost(_logger, shard.Endpoint, ex.Message);
                }

                _health.Listening(shard.Index, false);
                lost = true;
                if (ex is TimeoutException && multiplexer is not null)
                {
                    // Silence, not an error: the interactive connection to the same server is as silent.
                    shard.Replace(multiplexer);
                }

                await Task.Delay(backoff, _time, stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(2).Ticks));
            }
            finally
            {
                Unsubscribe(queue);
            }
        }

        _health.Listening(shard.Index, false);
    }

    /// <summary>Best effort: on a replaced (closed) multiplexer there is nothing left to unsubscribe from.</summary>
    private static void Unsubscribe(ChannelMessageQueue? queue)
    {
        try
        {
            queue?.Unsubscribe(CommandFlags.FireAndForget);
        }
        catch (Exception ex) when (ex is RedisException or ObjectDisposedException)
        {
            // Gone with its connection.
        }
    }

    /// <summary>Pings until the connection goes silent (throws) or the shard's connections are replaced (returns).</summary>
    private async Task WatchAsync(RedisShard shard, ISubscriber subscriber, int generation, CancellationToken stop)
    {
        var catchUps = 0;
        while (shard.Generation == generation)
        {
            try
            {
                await subscriber.PingAsync().WaitAsync(_connections.Options.ProbeTimeout, _time, stop).ConfigureAwait(false);
                _health.Listening(shard.Index, true);
                if (catchUps > 0)
                {
                    catchUps--;
                    _signals.Writer.TryWrite(new Signal(shard.Index, null));
                }
            }
            catch (RedisException ex)
            {
                // Down with a reset: the client reconnects and subscribes again by itself; read back once it is up.
                if (catchUps == 0)
                {
                    Log.SubscriptionLost(_logger, shard.Endpoint, ex.Message);
                }

                _health.Listening(shard.Index, false);
                catchUps = CatchUpsAfterTrouble;
            }

            await Task.Delay(_connections.Options.ProbeInterval, _time, stop).ConfigureAwait(false);
        }
    }
}
