using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Herald.LoadGen.Orchestration;

namespace Herald.LoadGen.Scenarios;

/// <summary>
/// Whether a Herald store really keeps history: publish, restart the server, publish again on the same channel.
/// A durable store continues the stream (same epoch, next offset); a server that ran the store as memory (or
/// does not have it yet) starts a new epoch. Judged by behaviour, so a silently ignored setting cannot pass.
/// </summary>
internal static class DurabilityCheck
{
    private const string Channel = "public:durability-check";

    public static async Task<string?> ProblemAsync(ScenarioContext ctx, HttpClient http, CancellationToken ct)
    {
        var first = await PublishAsync(ctx, http, ct);
        await ctx.Server.RestartAsync(ct);
        var second = await PublishAsync(ctx, http, ct);
        return first.Epoch == second.Epoch && second.Offset == first.Offset + 1
            ? null
            : $"store '{ctx.Target.Store}' did not keep history across a restart (epoch {first.Epoch} -> {second.Epoch}): the server does not have it yet or ran it as memory";
    }

    private static async Task<(string Epoch, long Offset)> PublishAsync(ScenarioContext ctx, HttpClient http, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(ctx.Server.BaseUri, "/api/publish"))
        {
            Content = JsonContent.Create(new { channel = Channel, @event = "check", data = new { } }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ctx.PublisherToken);
        using var response = await http.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        return (doc.RootElement.GetProperty("epoch").ToString(), doc.RootElement.GetProperty("offset").GetInt64());
    }
}
