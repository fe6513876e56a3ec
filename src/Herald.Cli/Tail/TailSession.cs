using Herald.Client;

namespace Herald.Cli.Tail;

/// <summary>
/// One run of <c>herald tail</c>: connect, subscribe, print until told to stop. Every failed
/// attempt is a status line with its reason and the backoff before the next; with
/// <c>--max-retries</c> it gives up after that many retries in a row instead of waiting for ever.
/// </summary>
internal sealed class TailSession(CliContext context, Uri url, HeraldCredential credential, bool quiet, int? maxRetries)
{
    private readonly CancellationTokenSource _giveUp = new();
    private string? _lastProblem;
    private int _failures;
    private bool _connected;

    public async Task<int> RunAsync(string channel, SubscribeOptions options, ITailPrinter printer, int count, CancellationToken cancellationToken)
    {
        using var giveUp = _giveUp;
        using var running = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _giveUp.Token);
        await using var client = new HeraldClient(new HeraldClientOptions
        {
            Url = url,
            Credentials = CredentialProviders.Static(credential),
            TimeProvider = context.Time,
        });
        client.StateChanged += OnStateChanged;
        Say($"connecting to {url}");

        try
        {
            await using var subscription = await client.SubscribeAsync(channel, options, running.Token);
            var start = options.Since is { } since ? $"resuming after {since}" : $"from {subscription.SubscribedAt}";
            Say($"tailing {channel} {start} (Ctrl+C to stop)");
            var printed = 0;
            await foreach (var update in subscription.WithCancellation(running.Token))
            {
                printer.Print(update);
                if (update is HeraldEvent && count > 0 && ++printed >= count)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C: the normal way to end a tail.
        }
        catch (OperationCanceledException) when (_giveUp.IsCancellationRequested)
        {
            throw new CliException(ExitCodes.Unavailable, $"gave up after {_failures} failed attempts in a row: {_lastProblem}");
        }
        catch (HeraldStoppedException ex)
        {
            throw Stopped(ex.Reason);
        }
        catch (HeraldException ex)
        {
            throw new CliException(ExitCodes.ForErrorCode(ex.Code), ex.Message);
        }

        return ExitCodes.Ok;
    }

    private static CliException Stopped(HeraldStopReason reason) => new(
        reason.CloseCode switch
        {
            HeraldCloseCodes.NotAuthenticated => ExitCodes.Unauthorized,
            HeraldCloseCodes.Forbidden => ExitCodes.Forbidden,
            _ => ExitCodes.ForErrorCode(reason.ErrorCode),
        },
        "stopped: " + reason.Message);

    private void OnStateChanged(object? sender, ConnectionStateChangedEventArgs e)
    {
        if (e.Reason is not null)
        {
            _lastProblem = e.Reason;
        }

        if (e.State == ConnectionState.Connected)
        {
            if (((HeraldClient)sender!).ConnectCount > 1)
            {
                Say("reconnected; resuming");
            }

            _connected = true;
            _failures = 0;
        }
        else if (e.State == ConnectionState.Reconnecting && _connected)
        {
            // The first loss after a connection is not a failed attempt: the retries count from here.
            _connected = false;
            Say($"connection lost ({e.Reason ?? "closed"}); reconnecting in {e.RetryIn?.TotalSeconds:0.0} s");
        }
        else if (e.State == ConnectionState.Reconnecting)
        {
            _failures++;
            if (_failures > maxRetries)
            {
                // Not inline: the client is in the middle of its state change.
                _ = _giveUp.CancelAsync();
                return;
            }

            var retry = maxRetries is { } max ? $"retry {_failures} of {max}" : $"attempt {_failures + 1}";
            Say($"{e.Reason ?? "the connection failed"}; {retry} in {e.RetryIn?.TotalSeconds:0.0} s");
        }
    }

    private void Say(string message)
    {
        if (!quiet)
        {
            context.Status(message);
        }
    }
}
