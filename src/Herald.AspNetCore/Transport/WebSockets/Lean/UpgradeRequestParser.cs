using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Herald.AspNetCore.Transport.WebSockets.Lean;

/// <summary>
/// Recognises a WebSocket upgrade to a mount (RFC 6455 §4.2.1) in a connection's first bytes. It is
/// strict on purpose: whatever it does not fully understand (another method or version, obs-fold, a body,
/// non-ASCII, a percent-encoded path, compression offered when enabled) is not an upgrade for it, and
/// Kestrel answers that request as it always has.
/// </summary>
internal static class UpgradeRequestParser
{
    private static ReadOnlySpan<byte> Method => "GET "u8;

    private static ReadOnlySpan<byte> Version => " HTTP/1.1"u8;

    private static ReadOnlySpan<byte> HeadEnd => "\r\n\r\n"u8;

    public static UpgradeParse TryParse(in ReadOnlySequence<byte> buffer, WebSocketMounts mounts, UpgradeLimits limits, out UpgradeRequest? request, out SequencePosition end)
    {
        request = null;
        end = buffer.Start;

        // Decided on the first bytes, before anything is copied: most connections are not upgrades.
        Span<byte> first = stackalloc byte[5];
        var known = (int)Math.Min(buffer.Length, first.Length);
        buffer.Slice(0, known).CopyTo(first);
        if (!first[..known].SequenceEqual("GET /"u8[..known]))
        {
            return UpgradeParse.NotLean;
        }

        var reader = new SequenceReader<byte>(buffer);
        if (!reader.TryReadTo(out ReadOnlySequence<byte> head, HeadEnd, advancePastDelimiter: true))
        {
            return buffer.Length > limits.MaxHeadBytes ? UpgradeParse.NotLean : UpgradeParse.NeedMore;
        }

        if (head.Length > limits.MaxHeadBytes)
        {
            return UpgradeParse.NotLean;
        }

        end = reader.Position;
        request = head.IsSingleSegment ? Parse(head.FirstSpan, mounts, limits) : Parse(head.ToArray(), mounts, limits);
        return request is null ? UpgradeParse.NotLean : UpgradeParse.Upgrade;
    }

    private static UpgradeRequest? Parse(ReadOnlySpan<byte> head, WebSocketMounts mounts, UpgradeLimits limits)
    {
        var lineEnd = head.IndexOf("\r\n"u8);
        var line = lineEnd < 0 ? head : head[..lineEnd];
        if (line.Length + 2 > limits.MaxRequestLineBytes || !line.StartsWith(Method) || !line.EndsWith(Version) || line.Length <= Method.Length + Version.Length)
        {
            return null;
        }

        var target = line[Method.Length..^Version.Length];
        if (target.IndexOfAnyExceptInRange((byte)0x21, (byte)0x7E) >= 0)
        {
            return null;
        }

        var question = target.IndexOf((byte)'?');
        var path = question < 0 ? target : target[..question];
        if (path.Contains((byte)'%') || mounts.Find(path) is not { } endpoint)
        {
            return null;
        }

        var headers = ParseHeaders(lineEnd < 0 ? [] : head[(lineEnd + 2)..], limits.MaxHeaderCount);
        if (headers is null || !IsUpgrade(headers, limits))
        {
            return null;
        }

        var query = question < 0 ? "" : Encoding.ASCII.GetString(target[question..]);
        return new UpgradeRequest(endpoint, Encoding.ASCII.GetString(path), query, headers, headers[HeaderNames.SecWebSocketKey].ToString());
    }

    private static HeaderDictionary? ParseHeaders(ReadOnlySpan<byte> lines, int maxCount)
    {
        var headers = new HeaderDictionary();
        var count = 0;
        while (!lines.IsEmpty)
        {
            var lineEnd = lines.IndexOf("\r\n"u8);
            var line = lineEnd < 0 ? lines : lines[..lineEnd];
            lines = lineEnd < 0 ? [] : lines[(lineEnd + 2)..];
            var colon = line.IndexOf((byte)':');
            if (++count > maxCount || colon <= 0 || !IsToken(line[..colon]))
            {
                return null;
            }

            var value = line[(colon + 1)..].Trim(" \t"u8);
            if (value.IndexOfAnyExceptInRange((byte)0x20, (byte)0x7E) >= 0)
            {
                return null;
            }

            var name = Encoding.ASCII.GetString(line[..colon]);
            headers[name] = StringValues.Concat(headers[name], Encoding.ASCII.GetString(value));
        }

        return headers;
    }

    /// <summary>What ASP.NET Core's WebSocket middleware requires, and no body to read.</summary>
    private static bool IsUpgrade(HeaderDictionary headers, UpgradeLimits limits) =>
        headers[HeaderNames.Host] is [{ Length: > 0 } host] && IsHost(host)
        && headers[HeaderNames.Upgrade] is [{ } upgrade] && upgrade.Equals("websocket", StringComparison.OrdinalIgnoreCase)
        && HasToken(headers[HeaderNames.Connection], "upgrade")
        && headers[HeaderNames.SecWebSocketVersion] is ["13"]
        && headers[HeaderNames.SecWebSocketKey] is [{ } key] && IsKey(key)
        && !headers.ContainsKey(HeaderNames.ContentLength) && !headers.ContainsKey(HeaderNames.TransferEncoding)
        && !(limits.CompressionEnabled && headers.ContainsKey(HeaderNames.SecWebSocketExtensions));

    private static bool HasToken(StringValues values, string token)
    {
        foreach (var value in values)
        {
            foreach (var part in (value ?? "").Split(','))
            {
                if (part.Trim().Equals(token, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }

    // A 16-byte nonce, base64: 24 characters.
    private static bool IsKey(string key)
    {
        Span<byte> nonce = stackalloc byte[16];
        return key.Length == 24 && Convert.TryFromBase64String(key, nonce, out var written) && written == 16;
    }

    // reg-name, IPv4 or [IPv6] with an optional port; Kestrel refuses anything else with 400.
    private static bool IsHost(string host) => host.AsSpan().IndexOfAnyExcept(HostChars) < 0;

    private static readonly SearchValues<char> HostChars = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~:[]");

    private static readonly SearchValues<byte> TokenChars = SearchValues.Create("!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"u8);

    private static bool IsToken(ReadOnlySpan<byte> name) => name.IndexOfAnyExcept(TokenChars) < 0;
}
