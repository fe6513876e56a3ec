using System.Text;

namespace Herald.Tests.Transport;

/// <summary>
/// The lean path parses upgrade requests itself. What it takes must work as through Kestrel (split writes,
/// frames sent right behind the request); what it does not take must be answered exactly as Kestrel always
/// answered it: each case runs against the server with the lean path on and off.
/// </summary>
public sealed class LeanHandshakeTests
{
    public static TheoryData<string, string> Requests => new()
    {
        { "not an upgrade", "GET /ws HTTP/1.1\r\nHost: h\r\n\r\n" },
        { "WebSocket version 8", Upgrade().Replace("Version: 13", "Version: 8", StringComparison.Ordinal) },
        { "no key", Upgrade().Replace("Sec-WebSocket-Key:", "X-Key:", StringComparison.Ordinal) },
        { "a key that is not 16 bytes", Upgrade().Replace("Sec-WebSocket-Key: ", "Sec-WebSocket-Key: AAAA", StringComparison.Ordinal) },
        { "no Host", Upgrade().Replace("Host: h\r\n", "", StringComparison.Ordinal) },
        { "two Hosts", Upgrade().Replace("Host: h\r\n", "Host: h\r\nHost: i\r\n", StringComparison.Ordinal) },
        { "an obsolete folded header", Upgrade().Replace("Host: h\r\n", "Host: h\r\nX-Folded: a\r\n b\r\n", StringComparison.Ordinal) },
        { "space before the colon", Upgrade().Replace("Host: h", "Host : h", StringComparison.Ordinal) },
        { "another path", Upgrade("/nowhere") },
        { "a percent-encoded mount path", Upgrade("/w%73") },
        { "HTTP/1.0", Upgrade().Replace("HTTP/1.1", "HTTP/1.0", StringComparison.Ordinal) },
        { "a POST", "POST" + Upgrade()[3..] },
        { "a foreign Origin", Upgrade().Replace("Host: h\r\n", "Host: h\r\nOrigin: http://evil.example\r\n", StringComparison.Ordinal) },
        { "a body", Upgrade().Replace("Host: h\r\n", "Host: h\r\nContent-Length: 0\r\n", StringComparison.Ordinal) },
        { "a header of 40 KB", Upgrade().Replace("Host: h\r\n", "Host: h\r\nX-Big: " + new string('a', 40_000) + "\r\n", StringComparison.Ordinal) },
        { "no credential", Upgrade("/ws", withToken: false) },
        { "a well-formed upgrade", Upgrade() },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Every_request_gets_the_status_it_got_through_Kestrel(string what, string request)
    {
        var answers = new List<string>();
        foreach (var lean in new[] { false, true })
        {
            await using var server = await HeraldTestServer.StartAsync(new() { ["Herald:LeanWebSockets"] = lean ? "true" : "false" });
            var head = request.Replace("TOKEN", Uri.EscapeDataString(server.Token("alice")), StringComparison.Ordinal);
            var (client, response) = await RawWebSocketClient.RequestAsync(server.BaseAddress, head);
            await client.DisposeAsync();
            answers.Add(response[..response.IndexOf('\r', StringComparison.Ordinal)]);
        }

        answers[1].ShouldBe(answers[0], what);
    }

    [Fact]
    public async Task An_upgrade_written_a_byte_at_a_time_is_welcomed_and_answered_with_the_RFC_accept_key()
    {
        await using var server = await HeraldTestServer.StartAsync();
        // RFC 6455 §1.3's own example nonce and its answer.
        const string key = "dGhlIHNhbXBsZSBub25jZQ==";
        var head = $"GET /ws?token={Uri.EscapeDataString(server.Token("alice"))} HTTP/1.1\r\nhost: {server.BaseAddress.Authority}\r\n"
            + $"upgrade: WebSocket\r\nconnection: keep-alive, Upgrade\r\nsec-websocket-key: {key}\r\nsec-websocket-version: 13\r\n\r\n";

        var (client, response) = await RawWebSocketClient.RequestAsync(server.BaseAddress, head, bytesPerWrite: 1);
        await using var _ = client;

        response.ShouldStartWith("HTTP/1.1 101");
        response.ShouldContain("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", Case.Insensitive);
        (await client.ReadMessagesUntilAsync("\"welcome\"")).ShouldNotBeEmpty();
    }

    [Fact]
    public async Task A_subscribe_sent_in_the_same_write_as_the_upgrade_is_answered()
    {
        await using var server = await HeraldTestServer.StartAsync();
        var head = RawWebSocketClient.UpgradeRequest(server.WebSocketUri("/ws", "token=" + Uri.EscapeDataString(server.Token("alice"))));
        var subscribe = RawWebSocketClient.TextFrame("""{"type":"subscribe","id":"s1","channel":"public:early"}""");

        var (client, response) = await RawWebSocketClient.RequestAsync(server.BaseAddress, head, following: subscribe);
        await using var _ = client;

        response.ShouldStartWith("HTTP/1.1 101");
        (await client.ReadMessagesUntilAsync("\"subscribed\"")).Last().ShouldContain("public:early");
    }

    [Fact]
    public async Task An_upgrade_after_a_plain_request_on_the_same_connection_still_upgrades()
    {
        await using var server = await HeraldTestServer.StartAsync();
        var upgrade = RawWebSocketClient.UpgradeRequest(server.WebSocketUri("/ws", "token=" + Uri.EscapeDataString(server.Token("alice"))));
        // HEAD: the answer has no body to skip before the next response.
        var head = $"HEAD /health/live HTTP/1.1\r\nHost: {server.BaseAddress.Authority}\r\n\r\n";

        var (client, response) = await RawWebSocketClient.RequestAsync(server.BaseAddress, head, following: Encoding.ASCII.GetBytes(upgrade));
        await using var _ = client;

        response.ShouldStartWith("HTTP/1.1 200");
        (await client.ReadHeadAsync()).ShouldStartWith("HTTP/1.1 101");
        (await client.ReadMessagesUntilAsync("\"welcome\"")).ShouldNotBeEmpty();
    }

    private static string Upgrade(string path = "/ws", bool withToken = true) =>
        $"GET {path}{(withToken ? "?token=TOKEN" : "")} HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + $"Sec-WebSocket-Key: {Convert.ToBase64String(new byte[16])}\r\nSec-WebSocket-Version: 13\r\n\r\n";
}
