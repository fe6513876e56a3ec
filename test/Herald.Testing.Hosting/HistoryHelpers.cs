using System.Net;
using System.Text.Json;

namespace Herald.Testing;

/// <summary>Reading <c>GET /api/channels/{channel}/history</c> as a client would.</summary>
public static class HistoryHelpers
{
    public static Task<HttpResponseMessage> GetHistoryAsync(this HeraldTestServer server, string? token, string channel, string query = "") =>
        server.GetAsync($"/api/channels/{Uri.EscapeDataString(channel)}/history{(query.Length > 0 ? "?" + query : "")}", token);

    /// <summary>One page, which must be 200 JSON.</summary>
    public static async Task<JsonElement> HistoryPageAsync(this HeraldTestServer server, string token, string channel, string query = "")
    {
        var response = await server.GetHistoryAsync(token, channel, query);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/json", text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Follows <c>next</c> while <c>has_more</c>, as a client would; returns every page.</summary>
    public static async Task<List<JsonElement>> AllPagesAsync(this HeraldTestServer server, string token, string channel, int limit)
    {
        var pages = new List<JsonElement> { await server.HistoryPageAsync(token, channel, $"limit={limit}") };
        while (pages[^1].GetProperty("has_more").GetBoolean())
        {
            pages.Count.ShouldBeLessThan(1000, "paging must end");
            var next = pages[^1].GetProperty("next");
            pages.Add(await server.HistoryPageAsync(token, channel, $"since={next.Long("offset")}&epoch={next.Str("epoch")}&limit={limit}"));
        }

        return pages;
    }

    public static List<JsonElement> Events(this JsonElement page) => [.. page.GetProperty("events").EnumerateArray()];

    public static List<string> EventNames(this JsonElement page) => [.. page.Events().Select(e => e.Str("event"))];

    public static List<long> Offsets(this JsonElement page) => [.. page.Events().Select(e => e.Long("offset"))];
}
