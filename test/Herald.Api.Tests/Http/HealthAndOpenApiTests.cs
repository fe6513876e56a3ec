using System.Net;
using System.Text.Json;
using Herald.Api.Tests.Support;

namespace Herald.Api.Tests.Http;

/// <summary>The anonymous HTTP surface: health probes, the OpenAPI document, and the WebSocket mount without an upgrade.</summary>
public sealed class HealthAndOpenApiTests
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_probes_answer_healthy_json_without_credentials(string path)
    {
        await using var server = await HeraldTestServer.StartAsync();

        var health = await (await server.GetAsync(path, null)).ShouldBeOkJsonAsync();

        health.Str("status").ShouldBe("Healthy");
    }

    [Fact]
    public async Task Readiness_reports_the_log_check()
    {
        await using var server = await HeraldTestServer.StartAsync();

        var health = await (await server.GetAsync("/health/ready", null)).ShouldBeOkJsonAsync();

        health.GetProperty("checks").GetProperty("log").Str("status").ShouldBe("Healthy");
    }

    [Fact]
    public async Task The_openapi_document_lists_the_http_api()
    {
        await using var server = await HeraldTestServer.StartAsync();

        var response = await server.GetAsync("/openapi/v1.json", null);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        document.RootElement.Str("openapi").ShouldStartWith("3.");
        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        paths.ShouldContain("/api/publish");
        paths.ShouldContain("/api/publish/batch");
        paths.ShouldContain("/api/stats");
        paths.ShouldContain("/api/channels");
        document.RootElement.GetProperty("paths").GetProperty("/api/publish").Has("post").ShouldBeTrue();
        document.RootElement.GetProperty("paths").GetProperty("/api/stats").Has("get").ShouldBeTrue();
    }

    [Fact]
    public async Task The_openapi_document_declares_the_credentials_and_the_optional_publish_fields()
    {
        await using var server = await HeraldTestServer.StartAsync();

        using var document = JsonDocument.Parse(await (await server.GetAsync("/openapi/v1.json", null)).Content.ReadAsStringAsync());

        var schemes = document.RootElement.GetProperty("components").GetProperty("securitySchemes");
        schemes.GetProperty("Bearer").Str("type").ShouldBe("http");
        schemes.GetProperty("Bearer").Str("scheme").ShouldBe("bearer");
        schemes.GetProperty("ApiKey").Str("type").ShouldBe("apiKey");
        schemes.GetProperty("ApiKey").Str("in").ShouldBe("header");
        schemes.GetProperty("ApiKey").Str("name").ShouldBe("X-Api-Key");
        var paths = document.RootElement.GetProperty("paths");
        SecurityOf(paths.GetProperty("/api/publish").GetProperty("post")).ShouldBe(["Bearer", "ApiKey"]);
        SecurityOf(paths.GetProperty("/api/stats").GetProperty("get")).ShouldBe(["Bearer", "ApiKey"]);
        foreach (var operation in paths.EnumerateObject().SelectMany(p => p.Value.EnumerateObject()))
        {
            operation.Value.Has("security").ShouldBe(operation.Value.GetProperty("responses").Has("401"), $"{operation.Name}: a credential is asked for where the server can answer 401");
        }

        var publish = document.RootElement.GetProperty("components").GetProperty("schemas").GetProperty("PublishMessage");
        publish.GetProperty("required").EnumerateArray().Select(e => e.GetString()).ShouldBe(["channel", "event"], ignoreOrder: true);
    }

    private static List<string> SecurityOf(JsonElement operation) =>
        [.. operation.GetProperty("security").EnumerateArray().SelectMany(r => r.EnumerateObject().Select(p => p.Name))];

    [Fact]
    public async Task A_plain_get_of_the_websocket_mount_is_400_bad_request()
    {
        await using var server = await HeraldTestServer.StartAsync();

        var response = await server.GetAsync("/ws", server.Token("alice"));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "BAD_REQUEST");
    }
}
