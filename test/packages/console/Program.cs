// A fresh console app that takes Herald.Client from its NuGet package (run by test/packages/run.sh).
// Against the fresh web app at args[0]: a bare ClientWebSocket is welcomed, then HeraldClient
// subscribes and receives an event the web app publishes. Exit code 0 means both worked.
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Herald.Client;

using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
var ct = deadline.Token;
var site = new Uri(args[0]);
using var http = new HttpClient { BaseAddress = site };
var token = await http.GetStringAsync(new Uri("/token/alice", UriKind.Relative), ct);
var ws = new UriBuilder(site) { Scheme = "ws", Path = "/ws" }.Uri;

using (var socket = new ClientWebSocket())
{
    socket.Options.SetRequestHeader("Authorization", $"Bearer {token}");
    await socket.ConnectAsync(ws, ct);
    var buffer = new byte[64 * 1024];
    var received = await socket.ReceiveAsync(buffer, ct);
    // One frame may carry several messages separated by '\n'; the first is the welcome.
    var first = Encoding.UTF8.GetString(buffer, 0, received.Count).Split('\n')[0];
    var type = JsonDocument.Parse(first).RootElement.GetProperty("type").GetString();
    if (type != "welcome")
    {
        Console.Error.WriteLine($"FAIL: the first message is not a welcome: {first}");
        return 1;
    }
    Console.WriteLine($"ClientWebSocket: {first}");
    await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", ct);
}

await using var client = new HeraldClient(new HeraldClientOptions
{
    Url = ws,
    Credentials = CredentialProviders.Token(_ => ValueTask.FromResult<string?>(token)),
});
await client.ConnectAsync(ct);
Console.WriteLine($"HeraldClient: welcomed as {client.Welcome?.User}");
await using var orders = await client.SubscribeAsync("public:orders", cancellationToken: ct);
(await http.PostAsync(new Uri("/orders/42", UriKind.Relative), null, ct)).EnsureSuccessStatusCode();
await foreach (var update in orders.WithCancellation(ct))
{
    if (update is HeraldEvent { Event: "order.created" } created)
    {
        Console.WriteLine($"HeraldClient: {created.Event} #{created.Offset} {created.Data}");
        return created.DataAs<Order>()?.Id == "42" ? 0 : 1;
    }
}
Console.Error.WriteLine("FAIL: the subscription ended without the event");
return 1;

internal sealed record Order(string Id);
