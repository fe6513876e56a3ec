namespace Herald.Client;

/// <summary>
/// Over Server-Sent Events (<see cref="HeraldTransport.ServerSentEvents"/>) a connection only
/// receives, so its URL names every subscription's channel with the position to resume it from,
/// and a subscription that starts or ends reopens the stream at once: the server announces each
/// channel (<c>subscribed</c> without <c>id</c>) and replays what the reopen would have missed.
/// </summary>
public sealed partial class HeraldClient
{
    /// <summary>Released by each subscribe: a stream client with no channel waits for one.</summary>
    private readonly SemaphoreSlim _channelAdded = new(0);

    /// <summary>The stream being closed to open it again with other channels.</summary>
    private WireConnection? _reopening;

    private bool IsStream => _http is not null;

    private bool HasSubscriptions
    {
        get
        {
            lock (_gate)
            {
                return _subscriptions.Count > 0;
            }
        }
    }

    private static Uri StreamUrl(Uri url)
    {
        var builder = new UriBuilder(url)
        {
            Scheme = url.Scheme switch { "ws" => "http", "wss" => "https", _ => url.Scheme },
            Port = url.IsDefaultPort ? -1 : url.Port,
        };
        builder.Path = builder.Path.TrimEnd('/') + "/events";
        return builder.Uri;
    }

    private void ChannelAdded()
    {
        if (_channelAdded.CurrentCount == 0)
        {
            _channelAdded.Release();
        }
    }

    private StreamRequest StreamFor()
    {
        lock (_gate)
        {
            return StreamRequest.For(_subscriptions.Values);
        }
    }

    /// <summary>Every channel held with a position, so that a reopen misses nothing.</summary>
    private Dictionary<string, StreamPosition> StreamPositions()
    {
        var positions = new Dictionary<string, StreamPosition>(StringComparer.Ordinal);
        lock (_gate)
        {
            foreach (var subscription in _subscriptions.Values)
            {
                if (!subscription.Ended && subscription.Position is { } position)
                {
                    positions[subscription.Channel] = position;
                }
            }
        }

        return positions;
    }

    /// <summary>
    /// At a stream's <c>welcome</c>: each subscription its URL named waits for the announcement. Returns true
    /// when a subscription came after the URL was made, so the stream must be reopened. Called under <see cref="_gate"/>.
    /// </summary>
    private bool AwaitStream(WireConnection connection, StreamRequest stream)
    {
        var stale = false;
        foreach (var subscription in _subscriptions.Values)
        {
            if (!stream.Channels.Contains(subscription.Channel))
            {
                stale = true;
                continue;
            }

            subscription.Generation = connection.Generation;
            subscription.Active = false;
            subscription.SentSince = connection.ResumeAt.GetValueOrDefault(subscription.Channel);
            connection.Awaiting[subscription.Channel] = subscription;
        }

        return stale;
    }

    private async ValueTask ReopenAsync(WireConnection connection)
    {
        Volatile.Write(ref _reopening, connection);
        await connection.CloseOutputAsync(HeraldCloseCodes.Normal, "reopened with other channels", _options.RequestTimeout).ConfigureAwait(false);
    }

    /// <summary>
    /// Whether the next connection opens at once: the stream was closed to change its channels, or it was
    /// refused (403, 400) for channels it newly named; those subscriptions end with the server's code and the
    /// others stay, as a refused <c>subscribe</c> would over a WebSocket.
    /// </summary>
    private bool ReopensNow(WireConnection connection, CloseInfo close)
    {
        if (ReferenceEquals(Interlocked.CompareExchange(ref _reopening, null, connection), connection))
        {
            return true;
        }

        if (connection.Stream is not { } stream || close.Code is not (HeraldCloseCodes.Forbidden or HeraldCloseCodes.TooManyErrors))
        {
            return false;
        }

        var refused = new List<HeraldSubscription>();
        lock (_gate)
        {
            foreach (var channel in stream.Channels)
            {
                if (_subscriptions.TryGetValue(channel, out var subscription) && subscription.SubscribedAt is null)
                {
                    _subscriptions.Remove(channel);
                    refused.Add(subscription);
                }
            }
        }

        foreach (var subscription in refused)
        {
            ClientLog.SubscribeRefused(_log, subscription.Channel, close.ErrorCode ?? "", close.ErrorMessage ?? close.Description);
            subscription.End(new HeraldException(close.ErrorCode, $"subscribe to {subscription.Channel} refused: {close.ErrorCode}: {close.ErrorMessage}"));
        }

        return refused.Count > 0;
    }
}
