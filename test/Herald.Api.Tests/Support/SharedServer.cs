namespace Herald.Api.Tests.Support;

/// <summary>One standalone server for a test class whose tests change nothing on it.</summary>
public sealed class SharedServer : IAsyncLifetime
{
    public HeraldTestServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await HeraldTestServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
