using System.Net.Http.Headers;
using System.Text;

namespace Herald.Api.Tests.Support;

internal static class HttpHelpers
{
    /// <summary>Posts <paramref name="body"/> verbatim, as curl or a hand-written client would.</summary>
    public static async Task<HttpResponseMessage> PostRawAsync(this HeraldTestServer server, string path, string? token, string body, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(body, Encoding.UTF8, contentType),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await server.Http.SendAsync(request);
    }
}
