using Microsoft.Extensions.DependencyInjection;
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

        captured.Lines.ShouldNotBeEmpty();
        foreach (var secret in new[] { token, ticket, key, key.Split('_')[^1] })
        {
            captured.Lines.ShouldAllBe(line => !line.Contains(secret), $"a log line contains a secret");
        }
    }
}
