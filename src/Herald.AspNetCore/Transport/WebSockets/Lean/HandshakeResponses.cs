using System.Globalization;
using System.IO.Pipelines;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Herald.AspNetCore.Transport.WebSockets.Lean;

/// <summary>The two answers the lean handler writes itself: 101 for an upgrade, or the status and body the endpoint chose instead.</summary>
internal static class HandshakeResponses
{
    // RFC 6455 §1.3.
    private const string AcceptGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    public static ValueTask<FlushResult> WriteSwitchingProtocolsAsync(PipeWriter output, string key, string? subProtocol, IHeaderDictionary headers, CancellationToken cancellationToken)
    {
        var head = new StringBuilder("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n");
        Append(head, HeaderNames.SecWebSocketAccept, AcceptFor(key));
        if (subProtocol is not null)
        {
            Append(head, HeaderNames.SecWebSocketProtocol, subProtocol);
        }

        AppendAll(head, headers);
        head.Append("\r\n");
        return output.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), cancellationToken);
    }

    /// <summary>A refused upgrade (problem details, 429 with Retry-After, ...); the connection closes after it.</summary>
    public static ValueTask<FlushResult> WriteStatusAsync(PipeWriter output, HttpResponse response, ReadOnlyMemory<byte> body, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var head = new StringBuilder(256);
        head.Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {response.StatusCode} {ReasonPhrases.GetReasonPhrase(response.StatusCode)}\r\n");
        Append(head, HeaderNames.Date, now.ToString("r", CultureInfo.InvariantCulture));
        Append(head, HeaderNames.ContentLength, body.Length.ToString(CultureInfo.InvariantCulture));
        Append(head, HeaderNames.Connection, "close");
        response.Headers.Remove(HeaderNames.ContentLength);
        response.Headers.Remove(HeaderNames.Connection);
        AppendAll(head, response.Headers);
        head.Append("\r\n");
        var bytes = new byte[Encoding.ASCII.GetByteCount(head.ToString()) + body.Length];
        var written = Encoding.ASCII.GetBytes(head.ToString(), bytes);
        body.Span.CopyTo(bytes.AsSpan(written));
        return output.WriteAsync(bytes, cancellationToken);
    }

    public static string AcceptFor(string key) =>
        Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + AcceptGuid)));

    private static void AppendAll(StringBuilder head, IHeaderDictionary headers)
    {
        foreach (var (name, values) in headers)
        {
            foreach (var value in values)
            {
                Append(head, name, value ?? "");
            }
        }
    }

    private static void Append(StringBuilder head, string name, string value) => head.Append(name).Append(": ").Append(value).Append("\r\n");
}
