using Herald.Client.Tests.Support;

namespace Herald.Client.Tests.Credentials;

/// <summary>A revoked API key: the server closes with 4001, and the client stops instead of hammering it.</summary>
public sealed class RevokedKeyTests
{
    [Fact]
    public async Task A_revoked_key_stops_reconnect_attempts()
    {
        await using var server = await HeraldTestServer.StartAsync();
        var admin = CliRunner.For(server, server.Token("root", "admin"));
        var key = (await admin.RunAsync("keys", "create", "--owner", "svc-2")).Output.Lines.Single();
        var id = System.Text.Json.JsonDocument.Parse((await admin.RunAsync("keys", "list", "--json")).Stdout)
            .RootElement.GetProperty("keys").EnumerateArray().Single().Str("id");
        var provider = new RecordingProvider(_ => HeraldCredential.ApiKey(key));
        await using var client = FastClients.Create(server.WebSocketUri(), provider.Provider);
        await using var subscription = await client.SubscribeAsync("public:svc");
        await using var reader = new UpdateReader(subscription);

        (await admin.RunAsync("keys", "revoke", id)).ExitCode.ShouldBe(0);
        var stopped = await client.Stopped.WaitAsync(TimeSpan.FromSeconds(15));

        stopped.CloseCode.ShouldBe(4001);
        client.ConnectCount.ShouldBe(1);
        provider.Requests.Select(r => r.Reason).ShouldBe([CredentialReason.Connect, CredentialReason.Rejected]);
        (await Should.ThrowAsync<HeraldStoppedException>(() => reader.NextAsync())).Reason.CloseCode.ShouldBe(4001);
    }
}
