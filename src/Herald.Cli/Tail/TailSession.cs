using Herald.Client;

namespace Herald.Cli.Tail;

/// <summary>One run of <c>herald tail</c>: connect (failing fast if the server is not there), subscribe, print until told to stop.</summary>
internal sealed class TailSession(CliContext context, Uri url, HeraldCredential credential, bool quiet)
{
    private static readonly TimeSpan FirstConnectTimeout = TimeSpan.FromSeconds(10);
    private string? _lastProblem;

    public async Task<int> RunAsync(string channel, SubscribeOptions options, ITailPrinter printer, int count, CancellationToken cancellationToken)
    {
        await using var client = new HeraldClient(new HeraldClientOptions
        {
            Url = url,
            Credentials = CredentialProviders.Static(credential),
            TimeProvider = context.Time,
        });
        client.StateChanged += OnStateChanged;

        HeraldSubscription subscription;
        using (var first = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            first.CancelAfter(FirstConnectTimeout);
            try
            {
                subscription = await client.SubscribeAsync(channel, options, first.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new CliException(ExitCodes.Unavailable, $"cannot connect to {url}: {_lastProblem ?? "no answer"}");
            }
            catch (HeraldStoppedException ex)
            {
                throw Stopped(ex.Reason);
            }
            catch (HeraldException ex)
            {
                throw new CliException(ExitCodes.ForErrorCode(ex.Code), ex.Message);
            }
        }

        await using (subscription)
        {
            var start = options.Since is { } since ? $"resuming after {since}" : $"from {subscription.SubscribedAt}";
            Say($"tailing {channel} {start} (Ctrl+C to stop)");
            var printed = 0;
            try
            {
                await foreach (var update in subscription.WithCancellation(cancellationToken))
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
            catch (HeraldStoppedException ex)
            {
                throw Stopped(ex.Reason);
            }
            catch (HeraldException ex)
            {
                throw new CliException(ExitCodes.ForErrorCode(ex.Code), ex.Message);
            }
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

        if (e.State == ConnectionState.Reconnecting && ((HeraldClient)sender!).ConnectCount > 0)
        {
            Say($"connection lost ({e.Reason ?? "closed"}); reconnecting in {e.RetryIn?.TotalSeconds:0.0} s");
        }
        else if (e.State == ConnectionState.Connected && ((HeraldClient)sender!).ConnectCount > 1)
        {
            Say("reconnected; resuming");
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
