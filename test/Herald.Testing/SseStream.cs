using System.Net.Http.Headers;

namespace Herald.Testing;

/// <summary>
/// A text/event-stream reader written from the WHATWG parsing rules, knowing nothing of Herald's
/// transport code: fields, comments, the leading-space rule, dispatch on a blank line, and the
/// last event id as a browser keeps it (an id line applies from its message on).
/// </summary>
public sealed class SseStream : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private SseStream(HttpResponseMessage response, Stream body)
    {
        _response = response;
        _reader = new StreamReader(body);
    }

    public HttpResponseMessage Response => _response;

    /// <summary>What a browser would send as <c>Last-Event-ID</c> now.</summary>
    public string LastEventId { get; private set; } = "";

    /// <summary>The last <c>retry:</c> the server asked for, in milliseconds.</summary>
    public int? Retry { get; private set; }

    /// <summary>Opens <paramref name="url"/>; a non-stream answer is returned as it is, for the caller to check.</summary>
    public static async Task<SseStream> OpenAsync(HttpClient http, string url, Action<HttpRequestMessage>? configure = null, Version? version = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (version is not null)
        {
            request.Version = version;
            request.VersionPolicy = HttpVersionPolicy.RequestVersionExact;
        }

        configure?.Invoke(request);
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return new SseStream(response, await response.Content.ReadAsStreamAsync());
    }

    /// <summary>The next message (comments only when <paramref name="includeComments"/>), or an exception once the stream ends.</summary>
    public async Task<SseMessage> NextAsync(TimeSpan? timeout = null, bool includeComments = false)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        string? id = null;
        string? name = null;
        var data = new List<string>();
        while (true)
        {
            var line = await _reader.ReadLineAsync(cts.Token) ?? throw new EndOfStreamException("The stream ended.");
            if (line.Length == 0)
            {
                if (id is not null)
                {
                    LastEventId = id;
                }

                if (data.Count > 0)
                {
                    return new SseMessage(LastEventId, name, string.Join('\n', data), null);
                }

                name = null;
                continue;
            }

            var colon = line.IndexOf(':');
            if (colon == 0)
            {
                if (includeComments)
                {
                    return new SseMessage(null, null, "", line[1..].TrimStart(' '));
                }

                continue;
            }

            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..];
            if (value.StartsWith(' '))
            {
                value = value[1..];
            }

            switch (field)
            {
                case "id": id = value; break;
                case "event": name = value; break;
                case "data": data.Add(value); break;
                case "retry" when int.TryParse(value, out var ms): Retry = ms; break;
            }
        }
    }

    /// <summary>Reads until a message whose JSON <c>type</c> is <paramref name="type"/>.</summary>
    public async Task<SseMessage> NextOfTypeAsync(string type, TimeSpan? timeout = null)
    {
        while (true)
        {
            var message = await NextAsync(timeout);
            if (message.Json.Type() == type)
            {
                return message;
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        return ValueTask.CompletedTask;
    }
}
