using System.Net.Http.Headers;
using System.Text;

namespace Herald.Api.Tests.Support;

internal static class HttpHelpers
{
    /// <summary>Posts <paramref name="body"/> verbatim, as curl or a hand-written client would.</summary>
    public static Task<HttpResponseMessage> PostRawAsync(this HeraldTestServer server, string path, string? token, string body, string contentType = "application/json") =>
        server.SendBytesAsync(HttpMethod.Post, path, token, Encoding.UTF8.GetBytes(body), contentType);

    /// <summary>
    /// Sends exactly <paramref name="body"/>, invalid UTF-8 included, labelled <paramref name="contentType"/>
    /// (no Content-Type header when null).
    /// </summary>
    public static async Task<HttpResponseMessage> SendBytesAsync(this HeraldTestServer server, HttpMethod method, string path, string? token, byte[]? body, string? contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            if (contentType is not null)
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            }
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await server.Http.SendAsync(request);
    }

    /// <summary>UTF-8 text and raw bytes, joined: <c>Bytes("{\"data\":\"A", [0xC0, 0xAF], "\"}")</c>.</summary>
    public static byte[] Bytes(params object[] parts) =>
        [.. parts.SelectMany(p => p as byte[] ?? Encoding.UTF8.GetBytes((string)p))];
}
