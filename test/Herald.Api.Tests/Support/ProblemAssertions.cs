using System.Net;
using System.Text.Json;

namespace Herald.Api.Tests.Support;

/// <summary>Checks an HTTP answer is an RFC 9457 problem carrying the protocol's <c>code</c>.</summary>
internal static class ProblemAssertions
{
    public static async Task<JsonElement> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, text);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", text);
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        problem.Long("status").ShouldBe((int)status, text);
        problem.Str("type").ShouldNotBeNullOrWhiteSpace(text);
        problem.Str("title").ShouldNotBeNullOrWhiteSpace(text);
        problem.Str("detail").ShouldNotBeNullOrWhiteSpace(text);
        problem.Str("code").ShouldBe(code, text);
        return problem;
    }

    public static async Task<JsonElement> ShouldBeOkJsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/json", text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
