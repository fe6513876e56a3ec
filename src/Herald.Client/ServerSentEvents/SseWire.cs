using System.Net;
using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;

namespace Herald.Client;

/// <summary>
/// A Server-Sent Events stream from <c>&lt;mount&gt;/events</c> (docs/protocol.md §10): it only
/// receives. Each SSE event's data is one protocol message; the server's last <c>close</c> message
/// is the close code; an HTTP refusal becomes the close the WebSocket would have had, with the
/// problem's <c>code</c> as the error.
/// </summary>
internal sealed class SseWire : IWire
{
    private readonly HttpResponseMessage _response;
    private readonly Stream? _body;
    private readonly WireEnd? _refusal;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _closing = new();
    private WireEnd? _closedByUs;

    private SseWire(HttpResponseMessage response, Stream? body, WireEnd? refusal, TimeProvider time)
    {
        _response = response;
        _time = time;
        _body = body;
        _refusal = refusal;
    }

    public static async Task<IWire> OpenAsync(HttpClient http, Uri url, HeraldCredential credential, HeraldClientOptions options, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (credential.Kind == CredentialKind.Token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credential.Value);
        }
        else
        {
            request.Headers.Add("X-Api-Key", credential.Value);
        }

        using var timeout = new CancellationTokenSource(options.ConnectTimeout, options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        HttpResponseMessage? response = null;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var refusal = Refusal(response.StatusCode, await response.Content.ReadAsStringAsync(linked.Token).ConfigureAwait(false));
                return new SseWire(response, null, refusal, options.TimeProvider);
            }

            return new SseWire(response, await response.Content.ReadAsStreamAsync(linked.Token).ConfigureAwait(false), null, options.TimeProvider);
        }
        catch (Exception ex) when ((ex is HttpRequestException or IOException or OperationCanceledException) && !cancellationToken.IsCancellationRequested)
        {
            response?.Dispose();
            var what = timeout.IsCancellationRequested ? $"no answer within {options.ConnectTimeout.TotalSeconds:0.#} s" : ex.Message;
            throw new ConnectFailedException(null, $"cannot open the stream {url.GetLeftPart(UriPartial.Path)}: {what}", ex);
        }
        catch
        {
            response?.Dispose();
            throw;
        }
    }

    public ValueTask SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("A Server-Sent Events stream only receives; the client reopens it to change its channels.");

    public ValueTask CloseOutputAsync(int code, string reason, TimeSpan timeout)
    {
        _closedByUs ??= new WireEnd(code, reason);
        _closing.Cancel();
        return ValueTask.CompletedTask;
    }

    public async Task<WireEnd> ReadAsync(Func<JsonElement, ValueTask> onMessage, Func<TimeSpan> idleTimeout, CancellationToken cancellationToken)
    {
        if (_refusal is not null)
        {
            return _refusal;
        }

        using var idle = new CancellationTokenSource(idleTimeout(), _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, idle.Token, _closing.Token);
        // Comments (the `: ping` heartbeat) never leave the parser, so silence is measured on the bytes.
        var body = new ActivityStream(_body!, () => idle.CancelAfter(idleTimeout()));
        try
        {
            await foreach (var item in SseParser.Create(body, static (_, data) => Encoding.UTF8.GetString(data)).EnumerateAsync(linked.Token).ConfigureAwait(false))
            {
                using var document = JsonDocument.Parse(item.Data);
                var message = document.RootElement;
                if (item.EventType == SseParser.EventTypeDefault && ServerMessages.Type(message) == "close")
                {
                    return new WireEnd((int)ServerMessages.Long(message, "code"), ServerMessages.String(message, "reason") ?? "");
                }

                await onMessage(message).ConfigureAwait(false);
            }

            return _closedByUs ?? new WireEnd(HeraldCloseCodes.Abnormal, "the stream ended");
        }
        catch (Exception ex) when (_closedByUs is { } closed && ex is OperationCanceledException or IOException or HttpRequestException)
        {
            return closed;
        }
        catch (OperationCanceledException) when (idle.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new WireEnd(HeraldCloseCodes.Abnormal, $"no message from the server for {idleTimeout().TotalSeconds:0.#} s");
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException or ObjectDisposedException or JsonException)
        {
            return new WireEnd(HeraldCloseCodes.Abnormal, ex.Message);
        }
    }

    public ValueTask DisposeAsync()
    {
        _closing.Cancel();
        _response.Dispose();
        _closing.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>An HTTP refusal as the close a WebSocket would have had (401 → 4001, 403 → 4003, other 4xx → 4400).</summary>
    private static WireEnd Refusal(HttpStatusCode status, string body)
    {
        string? code = null;
        string? detail = null;
        try
        {
            using var problem = JsonDocument.Parse(body);
            code = ServerMessages.String(problem.RootElement, "code");
            detail = ServerMessages.String(problem.RootElement, "detail") ?? ServerMessages.String(problem.RootElement, "title");
        }
        catch (JsonException)
        {
            // Not a problem document (a proxy's page): the status says enough.
        }

        var closeCode = status switch
        {
            HttpStatusCode.Unauthorized => HeraldCloseCodes.NotAuthenticated,
            HttpStatusCode.Forbidden => HeraldCloseCodes.Forbidden,
            HttpStatusCode.TooManyRequests => HeraldCloseCodes.RateLimited,
            >= HttpStatusCode.BadRequest and < HttpStatusCode.InternalServerError => HeraldCloseCodes.TooManyErrors,
            _ => HeraldCloseCodes.ServerError,
        };
        code ??= closeCode switch
        {
            HeraldCloseCodes.NotAuthenticated => "INVALID_CREDENTIALS",
            HeraldCloseCodes.Forbidden => "ACCESS_DENIED",
            HeraldCloseCodes.ServerError => "INTERNAL",
            _ => "BAD_REQUEST",
        };
        var message = detail ?? $"HTTP {(int)status}";
        return new WireEnd(closeCode, $"HTTP {(int)status}: {message}", code, message);
    }
}
