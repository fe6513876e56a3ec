using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Herald.Client.Tests.Docs;

/// <summary>
/// The examples of docs/clients/dotnet.md, compiled and run by <see cref="DocsExamplesTests"/>. Each
/// region between begin-snippet and end-snippet appears verbatim in the guide (a test checks it).
/// </summary>
public static class DotnetGuideExamples
{
    public interface ITokenSource
    {
        ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken);
    }

    public sealed record OrderPlaced(int Id, decimal Total);

    public static async Task QuickStartAsync(Uri heraldUrl, ITokenSource tokens, TextWriter output, CancellationToken cancellationToken)
    {
        // begin-snippet: quick-start
        await using var client = new HeraldClient(new HeraldClientOptions
        {
            Url = heraldUrl, // e.g. new Uri("wss://herald.example.com/ws")
            Credentials = CredentialProviders.Token(tokens.GetTokenAsync),
        });

        await using var orders = await client.SubscribeAsync("public:orders", cancellationToken: cancellationToken);
        await foreach (var update in orders.WithCancellation(cancellationToken))
        {
            if (update is HeraldEvent e)
            {
                var order = e.DataAs<OrderPlaced>()!;
                output.WriteLine($"#{e.Offset} {e.Event}: order {order.Id} for {order.Total}");
            }
        }
        // end-snippet
    }

    public static async Task KeyedStateAsync(HeraldClient client, IDictionary<string, JsonElement> tasks, TextWriter output, CancellationToken cancellationToken)
    {
        // begin-snippet: keyed-state
        await using var job = await client.SubscribeAsync("public:job-42", new SubscribeOptions { Snapshot = true }, cancellationToken);
        await foreach (var update in job.WithCancellation(cancellationToken))
        {
            switch (update)
            {
                case HeraldSnapshot snapshot:                     // the latest event per key: replaces what we had
                    tasks.Clear();
                    foreach (var item in snapshot.Items)
                    {
                        tasks[item.Key] = item.Data;
                    }

                    break;
                case HeraldEvent { Key: { } key, Tombstone: true }:
                    tasks.Remove(key);
                    break;
                case HeraldEvent { Key: { } key } e:
                    tasks[key] = e.Data;
                    break;
                case HistoryGap gap:                              // a snapshot follows: we asked for one
                    output.WriteLine($"missed events after {gap.Since}; the snapshot replaces the state");
                    break;
            }
        }
        // end-snippet
    }

    public static HeraldClient Tuned(Uri heraldUrl, string apiKey, ILogger logger)
    {
        // begin-snippet: options
        var client = new HeraldClient(new HeraldClientOptions
        {
            Url = heraldUrl,
            Credentials = CredentialProviders.Static(HeraldCredential.ApiKey(apiKey)),
            Backoff = new BackoffOptions
            {
                InitialDelay = TimeSpan.FromMilliseconds(250),
                MaxDelay = TimeSpan.FromSeconds(15),
            },
            Logger = logger,
        });
        client.StateChanged += (_, e) => logger.LogHeraldState(e.State, e.CloseCode, e.RetryIn);
        // end-snippet
        return client;
    }

    public static HeraldClient OverServerSentEvents(Uri heraldUrl, string apiKey)
    {
        // begin-snippet: server-sent-events
        var client = new HeraldClient(new HeraldClientOptions
        {
            Url = heraldUrl,
            Credentials = CredentialProviders.Static(HeraldCredential.ApiKey(apiKey)),
            Transport = HeraldTransport.ServerSentEvents,
        });
        // end-snippet
        return client;
    }

    public static HeraldClient WithLogin(Uri heraldUrl, Func<bool, CancellationToken, Task<string?>> login)
    {
        // begin-snippet: credentials
        var client = new HeraldClient(new HeraldClientOptions
        {
            Url = heraldUrl,
            Credentials = async (request, ct) =>
            {
                // Connect, Reconnect, Expiring (sent as `refresh`), or Rejected (after a 4001 close).
                var forceNew = request.Reason is CredentialReason.Expiring or CredentialReason.Rejected;
                var token = await login(forceNew, ct);
                return token is null ? null : HeraldCredential.Token(token); // null stops the client
            },
        });
        // end-snippet
        return client;
    }
}
