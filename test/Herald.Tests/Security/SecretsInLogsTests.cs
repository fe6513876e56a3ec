using Microsoft.Extensions.DependencyInjection;
using Herald.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Herald.Tests.Security;

public sealed class SecretsInLogsTests
{
    [Fact]
    public async Task Query_string_credentials_never_reach_the_logs_even_at_trace_level()
    {
        var captured = new CapturingLoggerProvider();
        await using var server = await HeraldTestServer.StartAsync(
            new() { ["Logging:LogLevel:Default"] = "Trace" },
            services => services.AddSingleton<ILoggerProvider>(captured));
        var token = server.Token("alice", "admin");
        var ticket = await TicketTests.BuyAsync(server, token);
        var (_, key) = await ApiKeyTests.CreateKeyAsync(server, token, "svc", []);

        await using (var a = await TestClient.ConnectAsync(server.WebSocketUri(query: "token=" + token)))
        await using (var b = await TestClient.ConnectAsync(server.WebSocketUri(query: "ticket=" + ticket)))
        await using (var c = await TestClient.ConnectAsync(server.WebSocketUri(query: "api_key=" + key)))
        {
            await a.NextOfTypeAsync("welcome");
            await b.NextOfTypeAsync("welcome");
            await c.NextOfTypeAsync("welcome");
        }

        await using var bad = await TestClient.ConnectAsync(server.WebSocketUri(query: "token=" + token + "x"));
        await bad.NextOfTypeAsync("error");

        // The same credentials in the query of a Server-Sent Events stream, accepted and refused.
        await using (var stream = await SseStream.OpenAsync(server.Http, "/ws/events?channel=public:a&token=" + token))
        {
            await stream.NextOfTypeAsync("subscribed");
        }

        await using (var refused = await SseStream.OpenAsync(server.Http, "/ws/events?channel=public:a&api_key=" + key + "x"))
        {
            refused.Response.StatusCode.ShouldBe(System.Net.HttpStatusCode.Unauthorized);
        }

        captured.Lines.ShouldNotBeEmpty();
        foreach (var secret in new[] { token, ticket, key, key.Split('_')[^1] })
        {
            captured.Lines.ShouldAllBe(line => !line.Contains(secret), $"a log line contains a secret");
        }
    }
}
