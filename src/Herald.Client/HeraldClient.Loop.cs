namespace Herald.Client;

public sealed partial class HeraldClient
{
    /// <summary>Connect, read until closed, decide by close code, back off, repeat: the client's whole life.</summary>
    private async Task RunAsync()
    {
        var cancellationToken = _stopping.Token;
        var attempt = 0;
        var reason = CredentialReason.Connect;
        HeraldCredential? previous = null;
        CloseInfo? lastClose = null;
        try
        {
            while (true)
            {
                if (IsStream && !HasSubscriptions)
                {
                    // A stream names its channels: there is nothing to open until one is subscribed.
                    await _channelAdded.WaitAsync(cancellationToken).ConfigureAwait(false);
                    continue;
                }

                SetState(ConnectionState.Connecting, lastClose?.Code);
                HeraldCredential? credential;
                try
                {
                    credential = await _options.Credentials(new CredentialRequest(reason, previous, lastClose?.ErrorCode), cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    await BackOffAsync("the credential provider failed: " + ex.Message, _backoff.Delay(attempt++), cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (credential is null)
                {
                    Stop(new HeraldStopReason(lastClose?.Code, lastClose?.ErrorCode, "the credential provider returned no credential"));
                    return;
                }

                if (reason == CredentialReason.Rejected && credential == previous)
                {
                    var code = lastClose?.ErrorCode ?? "4001";
                    Stop(new HeraldStopReason(HeraldCloseCodes.NotAuthenticated, lastClose?.ErrorCode, $"the server rejected the credential ({code}) and the credential provider has no other"));
                    return;
                }

                previous = credential;
                WireConnection connection;
                try
                {
                    var stream = IsStream ? StreamFor() : null;
                    var resumeAt = stream is null ? ResumePositions() : StreamPositions();
                    connection = await WireConnection.OpenAsync(ResumeUrl(resumeAt, stream), credential, _options, Interlocked.Increment(ref _generation), stream, _http, cancellationToken).ConfigureAwait(false);
                    connection.ResumeAt = resumeAt;
                }
                catch (ConnectFailedException ex)
                {
                    if (ex.Status == 403)
                    {
                        // Only an Origin refusal answers 403 before the upgrade: retrying cannot help.
                        Stop(new HeraldStopReason(null, "ACCESS_DENIED", ex.Message));
                        return;
                    }

                    reason = CredentialReason.Reconnect;
                    await BackOffAsync(ex.Message, _backoff.Delay(attempt++), cancellationToken).ConfigureAwait(false);
                    continue;
                }

                CloseInfo close;
                await using (connection.ConfigureAwait(false))
                {
                    close = await connection.ReadAsync(message => DispatchAsync(connection, message), cancellationToken).ConfigureAwait(false);
                    previous = connection.Credential;
                    Detach(connection);
                }

                if (Volatile.Read(ref _disposed) != 0)
                {
                    return;
                }

                lastClose = close;
                if (ReopensNow(connection, close))
                {
                    attempt = 0;
                    reason = CredentialReason.Reconnect;
                    continue;
                }

                if (connection.WelcomedAt is { } welcomedAt && _time.GetUtcNow() - welcomedAt >= _options.Backoff.ResetAfter)
                {
                    attempt = 0;
                }

                TimeSpan delay;
                switch (ClosePolicy.For(close.Code))
                {
                    case CloseAction.Stop:
                        Stop(new HeraldStopReason(close.Code, close.ErrorCode, Describe(close)));
                        return;
                    case CloseAction.ReconnectNow:
                        attempt = 0;
                        reason = CredentialReason.Reconnect;
                        delay = _backoff.Immediate();
                        break;
                    case CloseAction.RenewCredentials:
                        reason = CredentialReason.Rejected;
                        delay = _backoff.Delay(attempt++);
                        break;
                    default:
                        reason = CredentialReason.Reconnect;
                        delay = _backoff.Delay(attempt++);
                        break;
                }

                ClientLog.Closed(_log, close.Code, close.Description, close.ErrorCode, reason == CredentialReason.Rejected ? "asking for a new credential" : "reconnecting", delay);
                SetState(ConnectionState.Reconnecting, close.Code, delay, Describe(close));
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Disposed.
        }
        catch (Exception ex)
        {
            Stop(new HeraldStopReason(null, null, "the client failed: " + ex.Message));
        }
        finally
        {
            if (Volatile.Read(ref _disposed) != 0)
            {
                Stop(new HeraldStopReason(HeraldCloseCodes.Normal, null, "the client was disposed") { Disposed = true });
            }
        }
    }

    private async Task BackOffAsync(string why, TimeSpan delay, CancellationToken cancellationToken)
    {
        ClientLog.ConnectFailed(_log, why, delay);
        SetState(ConnectionState.Reconnecting, null, delay, why);
        await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The connection is gone: nothing may be sent on it, and its subscriptions wait for the next one.</summary>
    private void Detach(WireConnection connection)
    {
        lock (_gate)
        {
            if (ReferenceEquals(_live, connection))
            {
                _live = null;
            }
        }
    }

    private static string Describe(CloseInfo close) => close.ErrorCode is { } code
        ? $"the server closed the connection with {close.Code} ({code}: {close.ErrorMessage})"
        : $"the server closed the connection with {close.Code}{(close.Description.Length > 0 ? " (" + close.Description + ")" : "")}";
}
