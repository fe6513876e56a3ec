using System.Globalization;
using Herald.Api.Tests.Support;

namespace Herald.Api.Tests.Lifecycle;

/// <summary><c>refresh</c>: a new JWT for the same subject; subscriptions it no longer allows are taken away.</summary>
public sealed class RefreshTests
{
    [Fact]
    public async Task Refresh_with_a_new_token_for_the_same_subject_answers_refreshed()
    {
        await using var server = await HeraldTestServer.StartAsync();
        await using var client = await server.ConnectWelcomedAsync(server.TokenFor("alice", TimeSpan.FromMinutes(10)));
        var before = DateTimeOffset.UtcNow;

        await client.SendAsync(new { type = "refresh", id = 7, token = server.TokenFor("alice", TimeSpan.FromHours(2)) });

        var refreshed = await client.NextOfTypeAsync("refreshed");
        refreshed.GetProperty("id").GetInt32().ShouldBe(7);
        var expiresAt = DateTimeOffset.Parse(refreshed.Str("expires_at"), CultureInfo.InvariantCulture);
        expiresAt.ShouldBeInRange(before.AddHours(2).AddSeconds(-5), before.AddHours(2).AddSeconds(5));
    }

    [Fact]
    public async Task A_refresh_pushes_the_expiry_back_so_the_connection_outlives_its_first_token()
    {
        await using var server = await HeraldTestServer.StartAsync(new() { ["Herald:PingInterval"] = "1" });
        var firstExpiry = DateTimeOffset.UtcNow.AddSeconds(2);
        await using var client = await server.ConnectWelcomedAsync(server.TokenFor("alice", TimeSpan.FromSeconds(2)));

        // The short token's `expiring` may come at any point among the replies: it is skipped.
        await client.SendAsync(new { type = "subscribe", id = "s", channel = "public:news" });
        await client.SendAsync(new { type = "refresh", id = "r", token = server.TokenFor("alice", TimeSpan.FromHours(1)) });

        // Two pings that arrive after the first token's expiry: the second one's tick certainly checked it.
        var pingsAfterExpiry = 0;
        var subscribed = false;
        var refreshed = false;
        while (pingsAfterExpiry < 2)
        {
            var message = await client.NextAsync(includePings: true);
            switch (message.Type())
            {
                case "ping" when DateTimeOffset.UtcNow > firstExpiry:
                    pingsAfterExpiry++;
                    break;
                case "subscribed":
                    message.Str("id").ShouldBe("s");
                    subscribed = true;
                    break;
                case "refreshed":
                    message.Str("id").ShouldBe("r");
                    refreshed = true;
                    break;
                case "ping" or "expiring":
                    break;
                default:
                    throw new ShouldAssertException("Unexpected message: " + message.GetRawText());
            }
        }

        subscribed.ShouldBeTrue();
        refreshed.ShouldBeTrue();
        await server.PublishAsync("public:news", "still-here");
        var next = await client.NextAsync();
        next.Type().ShouldBe("event", next.GetRawText());
        next.Str("event").ShouldBe("still-here");
    }

    [Fact]
    public async Task Refresh_with_a_token_for_another_subject_is_invalid_credentials_and_the_connection_stays_usable()
    {
        await using var server = await HeraldTestServer.StartAsync();
        await using var client = await server.ConnectWelcomedAsync(server.Token("alice"));
        await client.SubscribeAsync("user:alice");

        await client.SendAsync(new { type = "refresh", id = "r1", token = server.Token("mallory", "admin") });

        var error = await client.NextOfTypeAsync("error");
        error.Str("id").ShouldBe("r1");
        error.Str("code").ShouldBe("INVALID_CREDENTIALS");
        await client.ShouldAnswerPingAsync();
        await server.PublishAsync("user:alice", "still-mine");
        (await client.NextOfTypeAsync("event")).Str("event").ShouldBe("still-mine");
        await client.SendAsync(new { type = "subscribe", id = "s2", channel = "admin:ops" });
        var denied = await client.NextOfTypeAsync("error");
        denied.Str("code").ShouldBe("ACCESS_DENIED", "the refused refresh must not have granted mallory's attributes");
    }

    [Theory]
    [InlineData("expired")]
    [InlineData("foreign")]
    [InlineData("garbage")]
    public async Task Refresh_with_a_bad_token_is_an_error_and_the_connection_stays_usable(string kind)
    {
        await using var server = await HeraldTestServer.StartAsync();
        await using var client = await server.ConnectWelcomedAsync(server.Token("alice"));
        var (token, code) = kind switch
        {
            "expired" => (Jwt.Expired("alice"), "TOKEN_EXPIRED"),
            "foreign" => (Jwt.ForeignSecret("alice"), "INVALID_CREDENTIALS"),
            _ => ("garbage", "INVALID_CREDENTIALS"),
        };

        await client.SendAsync(new { type = "refresh", id = "r", token });

        var error = await client.NextOfTypeAsync("error");
        error.Str("id").ShouldBe("r");
        error.Str("code").ShouldBe(code);
        await client.ShouldAnswerPingAsync();
    }

    [Fact]
    public async Task Refresh_that_drops_an_attribute_takes_away_the_subscriptions_it_guarded()
    {
        await using var server = await HeraldTestServer.StartAsync();
        await using var client = await server.ConnectWelcomedAsync(server.Token("alice", "admin"));
        await client.SubscribeAsync("admin:x", id: "a");
        await client.SubscribeAsync("public:y", id: "p");

        await client.SendAsync(new { type = "refresh", id = "r", token = server.Token("alice") });

        var refreshed = await client.NextOfTypeAsync("refreshed");
        refreshed.Str("id").ShouldBe("r");
        var unsubscribed = await client.NextOfTypeAsync("unsubscribed");
        unsubscribed.Str("channel").ShouldBe("admin:x");
        unsubscribed.Str("reason").ShouldBe("ACCESS_DENIED");
        unsubscribed.Has("id").ShouldBeFalse();

        // admin:x is published first: had it been delivered, it would arrive before public:y's event.
        await server.PublishAsync("admin:x", "secret");
        await server.PublishAsync("public:y", "news");
        var next = await client.NextAsync();
        next.Type().ShouldBe("event", next.GetRawText());
        next.Str("channel").ShouldBe("public:y");
        next.Str("event").ShouldBe("news");
    }

    [Fact]
    public async Task Refresh_that_keeps_the_attributes_keeps_the_subscriptions()
    {
        await using var server = await HeraldTestServer.StartAsync();
        await using var client = await server.ConnectWelcomedAsync(server.Token("alice", "admin"));
        await client.SubscribeAsync("admin:x");

        await client.SendAsync(new { type = "refresh", id = "r", token = server.Token("alice", "admin", "publish") });
        (await client.NextOfTypeAsync("refreshed")).Str("id").ShouldBe("r");
        await server.PublishAsync("admin:x", "kept");

        var next = await client.NextAsync();
        next.Type().ShouldBe("event", next.GetRawText());
        next.Str("event").ShouldBe("kept");
    }
}
