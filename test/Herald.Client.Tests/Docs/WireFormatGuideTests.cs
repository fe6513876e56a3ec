using System.Text.Json;
using WireFormatExamples;

namespace Herald.Client.Tests.Docs;

/// <summary>docs/wire-formats.md shows exactly the examples of <see cref="WireFormatGuideExamples"/>, and its format works on a real server.</summary>
public sealed class WireFormatGuideTests
{
    private const string Page = "wire-formats.md";

    [Fact]
    public void The_page_shows_every_example_exactly_as_compiled()
    {
        var page = File.ReadAllText(RepoPaths.Docs(Page)).ReplaceLineEndings("\n");
        var snippets = CompiledExamples();

        snippets.Keys.ShouldBe(["custom-format", "custom-format-mount"], ignoreOrder: true);
        foreach (var (name, code) in snippets)
        {
            page.ShouldContain($"<!-- snippet: {name} -->\n```csharp\n{code}\n```", Case.Sensitive, $"docs/{Page} must show the '{name}' example as compiled");
        }
    }

    [Fact]
    public async Task The_custom_format_joins_delivers_one_event_per_frame_and_refuses_in_its_own_words()
    {
        await using var server = await MountedApp.StartAsync(overrides: null, configure: null, map: WireFormatGuideExamples.Map);
        await using var client = await server.ConnectAsync(server.Token("alice"), "/feed");

        await client.SendTextAsync("""{"join":"public:orders"}""");
        await Eventually.TrueAsync(() => HasSubscriber(server, "public:orders"), "the join subscribed");
        await server.PublishAsync("public:orders", "order.placed", new { id = 7 });
        await server.PublishAsync("public:orders", "order.placed", new { id = 8 });
        var first = await client.NextAsync();
        var second = await client.NextAsync();

        first.GetRawText().ShouldBe("""{"channel":"public:orders","event":"order.placed","data":{"id":7}}""");
        second.GetProperty("data").GetProperty("id").GetInt32().ShouldBe(8);
        client.Frames.ShouldBe(client.Messages, "one message per frame");

        await client.SendTextAsync("""{"join":"admin:secrets"}""");
        (await client.NextAsync()).Str("error").ShouldBe("ACCESS_DENIED");
        await client.SendTextAsync("hello");
        (await client.NextAsync()).Str("error").ShouldBe("BAD_REQUEST");
        await client.SendTextAsync("""{"leave":"public:orders"}""");
        await Eventually.TrueAsync(() => !HasSubscriber(server, "public:orders"), "the leave unsubscribed");

        await using var stranger = await TestClient.ConnectAsync(server.WebSocketUri("/feed"));
        var refused = await stranger.NextAsync();
        refused.Str("error").ShouldBe("MISSING_CREDENTIALS");
        (await stranger.WaitClosedAsync()).Code.ShouldBe(4001);
    }

    internal static Dictionary<string, string> CompiledExamples() => DocsExamplesTests.CompiledExamples("WireFormatGuideExamples.cs");

    private static bool HasSubscriber(HeraldTestServer server, string channel)
    {
        using var response = server.GetAsync("/api/channels", server.Token("root", "admin")).Result;
        return JsonDocument.Parse(response.Content.ReadAsStringAsync().Result).RootElement.GetRawText().Contains($"\"{channel}\"", StringComparison.Ordinal);
    }
}
