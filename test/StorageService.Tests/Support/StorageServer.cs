using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Herald.AspNetCore.Authentication;
using Herald.EntityFrameworkCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StorageService.Data;
using StorageService.Hosting;

namespace StorageService.Tests.Support;

/// <summary>
/// The sample as it ships (its appsettings.json, so the matrix under test is the shipped one) on
/// real Kestrel at 127.0.0.1, with its data in a temp directory. Can be stopped and started again
/// on the same port and data, as a restart would.
/// </summary>
public sealed class StorageServer : IAsyncDisposable
{
    public const string Secret = "storage-test-secret-0123456789-abcdefghijklmnop";

    private readonly IReadOnlyDictionary<string, string?> _settings;
    private WebApplication _app;
    private bool _running;

    private StorageServer(WebApplication app, string dataDirectory, Uri baseAddress, IReadOnlyDictionary<string, string?> settings)
    {
        _app = app;
        _settings = settings;
        DataDirectory = dataDirectory;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress };
        _running = true;
    }

    public string DataDirectory { get; }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary><paramref name="settings"/> are added to the test's configuration, on every start (Herald:Store = redis, for one).</summary>
    public static async Task<StorageServer> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        settings ??= new Dictionary<string, string?>();
        var data = Path.Combine(Path.GetTempPath(), "storage-tests", Guid.NewGuid().ToString("N"));
        var app = await StartAppAsync(data, "http://127.0.0.1:0", settings);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new StorageServer(app, data, new Uri(address), settings);
    }

    /// <summary>Stops the process's server as SIGTERM would: connections are closed with 1001.</summary>
    public async Task StopAsync()
    {
        if (_running)
        {
            _running = false;
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    /// <summary>Starts again on the same port and data directory.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        _app = await StartAppAsync(DataDirectory, BaseAddress.ToString().TrimEnd('/'), _settings);
        _running = true;
    }

    public string Token(string subject, params string[] attributes) =>
        Services.GetRequiredService<DevTokenIssuer>().Issue(subject, attributes, TimeSpan.FromHours(1));

    /// <summary>
    /// What a browser does: buys a ticket with the JWT, then upgrades with the ticket cookie; on
    /// <c>/ws</c> (protocol v1, the default) or <c>/storage/monitor</c> (the seed's own messages).
    /// </summary>
    public async Task<TestClient> MonitorAsync(string token, string path = "/ws", string? query = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/storage/monitor");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await Http.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("herald_ticket=", StringComparison.Ordinal));
        var uri = new UriBuilder(BaseAddress) { Scheme = "ws", Path = path, Query = query ?? "" }.Uri;
        return await TestClient.ConnectAsync(uri, o => o.SetRequestHeader("Cookie", cookie.Split(';')[0]));
    }

    public async Task<JsonElement> SendAsync(HttpMethod method, string path, string token, object? body = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, text);
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>True once the relay has moved every outbox row to Herald.</summary>
    public async Task<bool> OutboxDrainedAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StorageDb>();
        return !await db.Set<HeraldOutboxMessage>().AnyAsync(m => m.ProcessedAt == null);
    }

    /// <summary>A context on the sample's database with its publishing, outside any server (another writer).</summary>
    public StorageDb OpenDatabase()
    {
        var services = new ServiceCollection().AddStorageDb(new SqliteConnectionStringBuilder { DataSource = Path.Combine(DataDirectory, "storage.db") }.ToString());
        return services.BuildServiceProvider().GetRequiredService<StorageDb>();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await StopAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static async Task<WebApplication> StartAppAsync(string data, string url, IReadOnlyDictionary<string, string?> settings)
    {
        var app = StorageApp.Create([], builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["urls"] = url,
            ["Storage:DataDirectory"] = data,
            ["Herald:Jwt:Secret"] = Secret,
            ["Herald:DrainTimeout"] = "00:00:02",
            ["Logging:LogLevel:Default"] = "Warning",
        }.Concat(settings)));
        await app.StartAsync();
        return app;
    }
}
