using System.Net.Http.Json;
using System.Text.Json;
using Herald.Security.ApiKeys;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TaskService;

namespace TaskService.Tests.Support;

/// <summary>The sample's own composition on Kestrel (127.0.0.1, a free port) with a fresh SQLite database.</summary>
public sealed class TaskServiceHost : IAsyncDisposable
{
    private readonly bool _ownsDirectory;

    private TaskServiceHost(WebApplication app, Uri baseAddress, string directory, bool ownsDirectory)
    {
        App = app;
        BaseAddress = baseAddress;
        DataDirectory = directory;
        _ownsDirectory = ownsDirectory;
        Http = new HttpClient { BaseAddress = baseAddress };
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public string DataDirectory { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => App.Services;

    public static string NewDataDirectory() => Path.Combine(Path.GetTempPath(), "taskservice-tests", Guid.NewGuid().ToString("N"));

    /// <param name="directory">An existing data directory to use (and leave behind); a fresh one when null.</param>
    public static async Task<TaskServiceHost> StartAsync(Dictionary<string, string?>? overrides = null, string? directory = null)
    {
        var dataDirectory = directory ?? NewDataDirectory();
        var settings = new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["TaskService:DataDirectory"] = dataDirectory,

            // Off unless a test is about it: its status events would interleave with the ones asserted.
            ["TaskService:StatusAdvancer:Enabled"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in overrides ?? [])
        {
            settings[key] = value;
        }

        var app = TaskServiceApp.Create([], builder =>
        {
            // Hermetic: the test output directory also holds Herald.Server's appsettings.json.
            builder.Configuration.Sources.Clear();
            builder.Configuration.AddInMemoryCollection(settings);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TaskServiceHost(app, new Uri(address), dataDirectory, ownsDirectory: directory is null);
    }

    /// <summary>A key made the way the CLI makes one: Herald's ApiKeyService over the sample's store.</summary>
    public async Task<TestKey> CreateKeyAsync(string user, int? maxConnections = null, int? requestsPerSecond = null)
    {
        var (record, key) = await Services.GetRequiredService<ApiKeyService>().CreateAsync("test key", user, [], maxConnections, requestsPerSecond, CancellationToken.None);
        return new TestKey(record.Id, key, user);
    }

    public async Task<long> CreateJobAsync(TestKey key)
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/jobs", key, new { name = "job of " + key.User });
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).Long("job_id");
    }

    public async Task<long> CreateTaskAsync(TestKey key, long jobId, decimal fee = 1m)
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/tasks", key, new { job_id = jobId, task_definition_id = 7, fee });
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).Long("task_id");
    }

    /// <summary>A REST call with <c>X-Api-Key</c> (none when <paramref name="key"/> is null).</summary>
    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, TestKey? key, object? body = null) =>
        SendRawAsync(method, path, key?.Key, body is null ? null : JsonSerializer.Serialize(body));

    public async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, string? apiKey, string? json)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json);
        }

        if (apiKey is not null)
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }

        return await Http.SendAsync(request);
    }

    /// <summary>PUTs and expects 200: the write went through (and so was announced).</summary>
    public async Task PutOkAsync(TestKey key, string path, object body)
    {
        using var response = await SendAsync(HttpMethod.Put, path, key, body);
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The protocol v1 mount (<c>/ws</c>) unless <paramref name="path"/> names another.</summary>
    public Uri WebSocketUri(string? query = null, string path = TaskServiceApp.HeraldWebSocketPath) =>
        new UriBuilder(BaseAddress) { Scheme = "ws", Path = path, Query = query ?? "" }.Uri;

    /// <summary>Connects with <c>?api_key=</c>, or with the <c>X-Api-Key</c> header.</summary>
    public Task<TestClient> ConnectAsync(TestKey key, bool useHeader = false) =>
        useHeader
            ? TestClient.ConnectAsync(WebSocketUri(), o => o.SetRequestHeader("X-Api-Key", key.Key))
            : TestClient.ConnectAsync(WebSocketUri("api_key=" + Uri.EscapeDataString(key.Key)));

    public async Task<TestClient> ConnectWelcomedAsync(TestKey key, bool useHeader = false)
    {
        var client = await ConnectAsync(key, useHeader);
        var welcome = await client.NextAsync();
        welcome.Type().ShouldBe("welcome", welcome.GetRawText());
        welcome.Str("user").ShouldBe(key.User);
        return client;
    }

    /// <summary>A connection subscribed to <paramref name="room"/>, its <c>subscribed</c> already read.</summary>
    public async Task<TestClient> WatchAsync(TestKey key, string room)
    {
        var client = await ConnectWelcomedAsync(key);
        var reply = await client.SubscribeAsync(room);
        reply.Type().ShouldBe("subscribed", reply.GetRawText());
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        if (_ownsDirectory)
        {
            // Pooled connections keep the file open otherwise.
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A temp directory left behind is not this test's failure.
            }
        }
    }
}
