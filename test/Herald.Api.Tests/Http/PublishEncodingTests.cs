using System.Net;
using System.Text.Json;
using Herald.Api.Tests.Support;
using Herald.Sources;
using Microsoft.Extensions.DependencyInjection;
using static Herald.Api.Tests.Support.HttpHelpers;

namespace Herald.Api.Tests.Http;

/// <summary>
/// Issue #13, break 1: text that is not well-formed Unicode must never reach a text frame.
/// RFC 6455 clients drop a connection on invalid UTF-8, and a resuming client meets a stored
/// event again on every reconnect, so such a publish is refused whole and nothing is stored.
/// </summary>
public sealed class PublishEncodingTests
{
    private const string Channel = "public:poison";

    private static readonly Dictionary<string, byte[]> Messages = new()
    {
        ["data with the bytes of issue #13"] = Message("\"data\":\"A", new byte[] { 0xC0, 0xAF, 0xFF }, "Z\""),
        ["data with an overlong '/'"] = Message("\"data\":{\"path\":\"", new byte[] { 0xC0, 0xAF }, "\"}"),
        ["data with a UTF-8 encoded surrogate"] = Message("\"data\":\"", new byte[] { 0xED, 0xA0, 0x80 }, "\""),
        ["data with a truncated sequence"] = Message("\"data\":[\"", new byte[] { 0xE2, 0x82 }, "\"]"),
        ["data with invalid bytes in a property name"] = Message("\"data\":{\"x", new byte[] { 0xFF }, "\":1}"),
        ["data escaping a lone low surrogate"] = Message("\"data\":{\"x\":\"\\udc00\"}"),
        ["data escaping a lone high surrogate"] = Message("\"data\":\"\\ud800\""),
        ["data escaping a high surrogate then a letter"] = Message("\"data\":\"\\ud800\\u0041\""),
        ["data escaping a pair in reverse order"] = Message("\"data\":\"\\ude00\\ud83d\""),
        ["data escaping a lone surrogate in a property name"] = Message("\"data\":{\"\\ud800\":1}"),
        ["key with invalid bytes"] = Message("\"key\":\"k", new byte[] { 0xC0, 0xAF }, "\""),
        ["key escaping a lone surrogate"] = Message("\"key\":\"k\\ud800\""),
        ["idempotency_key with invalid bytes"] = Message("\"idempotency_key\":\"i", new byte[] { 0xFF }, "\""),
        ["idempotency_key escaping a lone surrogate"] = Message("\"idempotency_key\":\"\\udfff\""),
        ["event with invalid bytes"] = Bytes($$"""{"channel":"{{Channel}}","event":"e""", new byte[] { 0xFF }, "\"}"),
        ["channel with invalid bytes"] = Bytes("{\"channel\":\"public:", new byte[] { 0xC0, 0xAF }, "\",\"event\":\"e\"}"),
        ["channel escaping a lone surrogate"] = Bytes("{\"channel\":\"public:\\ud800\",\"event\":\"e\"}"),
    };

    /// <summary>Each message alone, and second in a batch after a valid one (the batch is all or nothing).</summary>
    public static TheoryData<string, bool> Cases()
    {
        var cases = new TheoryData<string, bool>();
        foreach (var message in Messages.Keys)
        {
            cases.Add(message, false);
            cases.Add(message, true);
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_publish_with_text_that_is_not_well_formed_is_400_and_stores_nothing(string @case, bool inBatch)
    {
        await using var server = await HeraldTestServer.StartAsync();
        var publisher = server.Token("backend", "publish");
        await using var subscriber = await server.ConnectWelcomedAsync(server.Token("alice"));
        await subscriber.SubscribeAsync(Channel);

        var refused = inBatch
            ? await server.SendBytesAsync(HttpMethod.Post, "/api/publish/batch", publisher, Bytes($$"""{"messages":[{"channel":"{{Channel}}","event":"fine"},""", Messages[@case], "]}"))
            : await server.SendBytesAsync(HttpMethod.Post, "/api/publish", publisher, Messages[@case]);

        var problem = await refused.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "BAD_REQUEST");
        if (inBatch)
        {
            problem.Str("detail").ShouldContain("messages[1]");
        }

        await ShouldStillDeliverAsync(server, publisher, subscriber);
    }

    // By name: strings with lone surrogates do not survive the test runner's serialization of theory data.
    private static readonly Dictionary<string, PublishRequest> InProcessRequests = new()
    {
        ["data with the bytes of issue #13"] = new(Channel, "e", Bytes("\"A", new byte[] { 0xC0, 0xAF, 0xFF }, "Z\"")),
        ["data escaping a lone surrogate"] = new(Channel, "e", Bytes("{\"x\":\"\\udc00\"}")),
        ["data of two JSON values"] = new(Channel, "e", Bytes("1 2")),
        ["a key with a lone surrogate"] = new(Channel, "e", Bytes("1")) { Key = "k\ud800" },
        ["an idempotency key with a lone surrogate"] = new(Channel, "e", Bytes("1")) { IdempotencyKey = "\udc00i" },
        ["an idempotency key with a NUL"] = new(Channel, "e", Bytes("1")) { IdempotencyKey = "a\0b" },
    };

    public static TheoryData<string> InProcessCases => [.. InProcessRequests.Keys];

    [Theory]
    [MemberData(nameof(InProcessCases))]
    public async Task The_in_process_publisher_refuses_the_same_and_stores_nothing(string @case)
    {
        await using var server = await HeraldTestServer.StartAsync();
        await using var subscriber = await server.ConnectWelcomedAsync(server.Token("alice"));
        await subscriber.SubscribeAsync(Channel);
        var publisher = server.Services.GetRequiredService<IHeraldPublisher>();

        var refused = await Should.ThrowAsync<PublishException>(async () =>
            await publisher.PublishAsync(InProcessRequests[@case]));

        refused.Code.ShouldBe("BAD_REQUEST");
        await ShouldStillDeliverAsync(server, server.Token("backend", "publish"), subscriber);
    }

    [Fact]
    public async Task The_problem_names_the_field_at_fault()
    {
        await using var server = await HeraldTestServer.StartAsync();
        var publisher = server.Token("backend", "publish");

        var key = await server.SendBytesAsync(HttpMethod.Post, "/api/publish", publisher, Messages["key escaping a lone surrogate"]);
        var data = await server.SendBytesAsync(HttpMethod.Post, "/api/publish", publisher, Messages["data with the bytes of issue #13"]);

        (await key.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "BAD_REQUEST")).Str("detail").ShouldContain("'key'");
        (await data.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "BAD_REQUEST")).Str("detail").ShouldContain("data");
    }

    [Fact]
    public async Task Well_formed_text_beyond_ASCII_is_published_byte_for_byte()
    {
        await using var server = await HeraldTestServer.StartAsync();
        await using var subscriber = await server.ConnectWelcomedAsync(server.Token("alice"));
        await subscriber.SubscribeAsync(Channel);
        var data = "{\"raw\":\"l'été 😀\",\"escaped\":\"\\ud83d\\ude00\",\"nul\":\"\\u0000\"}";

        var response = await server.SendBytesAsync(HttpMethod.Post, "/api/publish", server.Token("backend", "publish"), Message($"\"key\":\"clé 😀\",\"idempotency_key\":\"ü-1\",\"data\":{data}"));

        (await response.ShouldBeOkJsonAsync()).Long("offset").ShouldBe(1);
        var received = await subscriber.NextOfTypeAsync("event");
        received.Str("key").ShouldBe("clé 😀");
        received.GetProperty("data").GetRawText().ShouldBe(data);
        received.GetProperty("data").Str("escaped").ShouldBe("😀");
    }

    /// <summary>Nothing took an offset, and the subscriber's connection survived to get what comes next.</summary>
    private static async Task ShouldStillDeliverAsync(HeraldTestServer server, string publisher, TestClient subscriber)
    {
        var next = await (await server.PostAsync("/api/publish", publisher, new { channel = Channel, @event = "after" })).ShouldBeOkJsonAsync();
        next.Long("offset").ShouldBe(1, "the refused publish must not have taken an offset");
        var received = await subscriber.NextOfTypeAsync("event");
        received.Str("event").ShouldBe("after");
        received.Long("offset").ShouldBe(1);

        await using var late = await server.ConnectWelcomedAsync(server.Token("bob"));
        await late.SubscribeAsync(Channel, since: new { epoch = next.Str("epoch"), offset = 0 });
        (await late.NextOfTypeAsync("event")).Str("event").ShouldBe("after", "a resuming client must find only the valid event in history");
    }

    private static byte[] Message(params object[] fields) =>
        Bytes([$$"""{"channel":"{{Channel}}","event":"e",""", .. fields, "}"]);
}
