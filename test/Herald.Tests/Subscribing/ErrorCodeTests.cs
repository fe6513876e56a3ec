using Herald.Protocol;

namespace Herald.Tests.Subscribing;

/// <summary>The error codes of PROTOCOL.md §6 that a connected client can provoke, and 1009 / 4400.</summary>
public sealed class ErrorCodeTests
{
    [Theory]
    [InlineData("not json at all", ErrorCodes.BadRequest)]
    [InlineData("""{"type":"subscribe","id":"q"}""", ErrorCodes.BadRequest)]
    [InlineData("""{"type":"teleport","id":"q"}""", ErrorCodes.UnknownType)]
    [InlineData("""{"type":"subscribe","id":"q","channel":"bad channel!"}""", ErrorCodes.InvalidChannel)]
    [InlineData("""{"type":"subscribe","id":"q","channel":"nowhere:1"}""", ErrorCodes.InvalidChannel)]
    [InlineData("""{"type":"subscribe","id":"q","channel":"admin:ops"}""", ErrorCodes.AccessDenied)]
    [InlineData("""{"type":"subscribe","id":"q","channel":"user:bob"}""", ErrorCodes.AccessDenied)]
    [InlineData("""{"type":"unsubscribe","id":"q","channel":"public:never"}""", ErrorCodes.NotSubscribed)]
    public async Task Answers_error_with_code_and_id_and_stays_usable(string frame, string code)
    {
        await using var server = await HeraldTestServer.StartAsync();
        await using var client = await server.ConnectWelcomedAsync(server.Token("alice"));

        await client.SendTextAsync(frame);
        var error = await client.NextOfTypeAsync("error");

        error.Str("code").ShouldBe(code);
        error.Str("message").ShouldNotBeNullOrWhiteSpace();
        if (frame.Contains("\"id\""))
        {
            error.Str("id").ShouldBe("q");
        }

        await client.SendAsync(new { type = "ping", id = "still-there" });
        (await client.NextOfTypeAsync("pong")).Str("id").ShouldBe("still-there");
    }

    [Fact]
    public async Task A_user_may_join_their_own_user_channel_only()
    {
        await using var server = await HeraldTestServer.StartAsync();
        await using var alice = await server.ConnectWelcomedAsync(server.Token("alice"));

        await alice.SendAsync(new { type = "subscribe", id = 1, channel = "user:alice" });

        (await alice.NextOfTypeAsync("subscribed")).Str("channel").ShouldBe("user:alice");
    }

    [Fact]
    public async Task Binary_frames_are_a_protocol_error()
    {
        await using var server = await HeraldTestServer.StartAsync();
        await using var client = await server.ConnectWelcomedAsync(server.Token("alice"));

        await client.SendBinaryAsync([1, 2, 3]);

        (await client.NextOfTypeAsync("error")).Str("code").ShouldBe(ErrorCodes.BadRequest);
    }

    [Fact]
    public async Task Too_many_subscriptions()
    {
        await using var server = await HeraldTestServer.StartAsync(new() { ["Herald:MaxSubscriptions"] = "2" });
        await using var client = await server.ConnectWelcomedAsync(server.Token("alice"));

        for (var i = 0; i < 2; i++)
        {
            await client.SendAsync(new { type = "subscribe", channel = $"public:{i}" });
            await client.NextOfTypeAsync("subscribed");
        }

        await client.SendAsync(new { type = "subscribe", id = 3, channel = "public:2" });
        (await client.NextOfTypeAsync("error")).Str("code").ShouldBe(ErrorCodes.TooManySubscriptions);

        // Re-subscribing to a channel already held is not a new subscription.
        await client.SendAsync(new { type = "subscribe", id = 4, channel = "public:1" });
        (await client.NextOfTypeAsync("subscribed")).Long("id").ShouldBe(4);
    }

    [Fact]
    public async Task An_oversized_frame_gets_MESSAGE_TOO_LARGE_then_1009()
    {
        await using var server = await HeraldTestServer.StartAsync(new() { ["Herald:MaxFrameBytes"] = "1024" });
        await using var client = await server.ConnectWelcomedAsync(server.Token("alice"));

        await client.SendTextAsync($$"""{"type":"ping","pad":"{{new string('x', 5000)}}"}""");

        (await client.NextOfTypeAsync("error")).Str("code").ShouldBe(ErrorCodes.MessageTooLarge);
        (await client.WaitClosedAsync()).Code.ShouldBe(CloseCodes.MessageTooBig);
    }

    [Fact]
    public async Task A_frame_at_the_limit_is_fine()
    {
        await using var server = await HeraldTestServer.StartAsync(new() { ["Herald:MaxFrameBytes"] = "1024" });
        await using var client = await server.ConnectWelcomedAsync(server.Token("alice"));
        var prefix = """{"type":"ping","id":1,"pad":" """.TrimEnd();
        var frame = prefix + new string('x', 1024 - prefix.Length - 2) + "\"}";
        frame.Length.ShouldBe(1024);

        await client.SendTextAsync(frame);

        (await client.NextOfTypeAsync("pong")).Long("id").ShouldBe(1);
    }

    [Fact]
    public async Task Ten_bad_messages_in_ten_seconds_close_with_4400()
    {
        await using var server = await HeraldTestServer.StartAsync();
        await using var client = await server.ConnectWelcomedAsync(server.Token("alice"));

        for (var i = 0; i < 10; i++)
        {
            await client.SendTextAsync("{broken");
        }

        (await client.CollectAsync("error", 10)).ShouldAllBe(e => e.Str("code") == ErrorCodes.BadRequest);
        (await client.WaitClosedAsync()).Code.ShouldBe(CloseCodes.TooManyErrors);
    }

    [Fact]
    public async Task Nine_bad_messages_do_not_close()
    {
        await using var server = await HeraldTestServer.StartAsync();
        await using var client = await server.ConnectWelcomedAsync(server.Token("alice"));

        for (var i = 0; i < 9; i++)
        {
            await client.SendTextAsync("{broken");
        }

        await client.CollectAsync("error", 9);
        await client.SendAsync(new { type = "ping", id = 1 });
        (await client.NextOfTypeAsync("pong")).Long("id").ShouldBe(1);
    }

    [Fact]
    public async Task Refused_but_well_formed_requests_never_close_with_4400()
    {
        await using var server = await HeraldTestServer.StartAsync();
        await using var client = await server.ConnectWelcomedAsync(server.Token("alice"));

        // A dashboard probing rooms it may not join: 12 ACCESS_DENIED, 4 unknown namespaces,
        // 4 NOT_SUBSCRIBED; twenty refusals in well under the 10 s window.
        for (var i = 0; i < 12; i++)
        {
            await client.SendAsync(new { type = "subscribe", id = i, channel = "admin:room-" + i });
        }

        for (var i = 0; i < 4; i++)
        {
            await client.SendAsync(new { type = "subscribe", id = 100 + i, channel = "nowhere:" + i });
            await client.SendAsync(new { type = "unsubscribe", id = 200 + i, channel = "public:never-joined" });
        }

        var errors = await client.CollectAsync("error", 20);
        errors.Count(e => e.Str("code") == ErrorCodes.AccessDenied).ShouldBe(12);
        errors.Count(e => e.Str("code") == ErrorCodes.InvalidChannel).ShouldBe(4);
        errors.Count(e => e.Str("code") == ErrorCodes.NotSubscribed).ShouldBe(4);
        await client.SendAsync(new { type = "ping", id = 999 });
        (await client.NextOfTypeAsync("pong")).Long("id").ShouldBe(999);
    }

    [Fact]
    public async Task Malformed_messages_of_every_kind_count_toward_4400()
    {
        await using var server = await HeraldTestServer.StartAsync();
        await using var client = await server.ConnectWelcomedAsync(server.Token("alice"));

        string[] malformed =
        [
            "{broken", "[]", """{"type":"nope","id":1}""", """{"type":"subscribe","id":2}""",
            """{"type":"subscribe","id":3,"channel":42}""", """{"type":"subscribe","id":4,"channel":"bad channel!"}""",
            """{"type":"subscribe","id":5,"channel":"public:x","events":"*"}""", """{"id":6}""",
            """{"type":"refresh","id":7}""", """{"type":"subscribe","id":8,"channel":"public:x","since":{"epoch":1}}""",
        ];
        foreach (var text in malformed)
        {
            await client.SendTextAsync(text);
        }

        (await client.CollectAsync("error", 10)).ShouldAllBe(e => e.Str("code") != ErrorCodes.AccessDenied);
        (await client.WaitClosedAsync()).Code.ShouldBe(CloseCodes.TooManyErrors);
    }
}
