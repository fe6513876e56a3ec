using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Herald.AspNetCore.Authentication;
using Herald.Server;
using Herald.Sources;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Testing;

/// <summary>The real standalone server on Kestrel, 127.0.0.1, a free port.</summary>
public sealed class HeraldTestServer : IAsyncDisposable
{
    private HeraldTestServer(WebApplication app, Uri baseAddress)
    {
        App = app;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress };
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => App.Services;

    public static Task<HeraldTestServer> StartAsync(Dictionary<string, string?>? overrides = null) =>
        StartAsync(overrides, build: null);

    /// <summary>The standalone server with services registered before Herald's (they win over its defaults).</summary>
    public static Task<HeraldTestServer> StartAsync(Dictionary<string, string?>? overrides, Action<IServiceCollection> services) =>
        StartAsync(overrides, settings => HeraldServerApp.Create([], builder =>
        {
            builder.Configuration.Sources.Clear();
            builder.Configuration.AddInMemoryCollection(settings);
            services(builder.Services);
        }));

    /// <summary>Starts Herald.Server's own composition, or <paramref name="build"/>'s app when given.</summary>
    public static async Task<HeraldTestServer> StartAsync(Dictionary<string, string?>? overrides, Func<Dictionary<string, string?>, WebApplication>? build)
    {
        var settings = TestSettings.Defaults();
        foreach (var (key, value) in overrides ?? [])
        {
            settings[key] = value;
        }

        settings["urls"] = "http://127.0.0.1:0";
        var app = build is not null
            ? build(settings)
            : HeraldServerApp.Create([], builder =>
            {
                builder.Configuration.Sources.Clear();
                builder.Configuration.AddInMemoryCollection(settings);
            });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new HeraldTestServer(app, new Uri(address));
    }

    public string Token(string subject, params string[] attributes) => TokenFor(subject, TimeSpan.FromHours(1), attributes);

    public string TokenFor(string subject, TimeSpan lifetime, params string[] attributes) =>
        Services.GetRequiredService<DevTokenIssuer>().Issue(subject, attributes, lifetime);

    public Uri WebSocketUri(string path = "/ws", string? query = null) =>
        new UriBuilder(BaseAddress) { Scheme = "ws", Path = path, Query = query ?? "" }.Uri;

    /// <summary>Connects with <paramref name="token"/>; <paramref name="query"/> (already escaped) is appended to the URL.</summary>
    public Task<TestClient> ConnectAsync(string token, string path = "/ws", string? query = null) =>
        TestClient.ConnectAsync(WebSocketUri(path, "token=" + Uri.EscapeDataString(token) + (query is null ? "" : "&" + query)));

    /// <summary>Connects and returns the client after its <c>welcome</c>.</summary>
    public async Task<TestClient> ConnectWelcomedAsync(string token, string path = "/ws", string? query = null)
    {
        var client = await ConnectAsync(token, path, query);
        (await client.NextAsync()).Type().ShouldBe("welcome");
        return client;
    }

    /// <summary>Publishes through the in-process API, as a backend in the same process would.</summary>
    public ValueTask<PublishResult> PublishAsync(string channel, string eventName, object? data = null, string? key = null, bool tombstone = false) =>
        Services.GetRequiredService<IHeraldPublisher>().PublishAsync(
            new PublishRequest(channel, eventName, JsonSerializer.SerializeToUtf8Bytes(data)) { Key = key, Tombstone = tombstone });

    public async Task<HttpResponseMessage> PostAsync(string path, string? token, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await Http.SendAsync(request);
    }

    public async Task<HttpResponseMessage> GetAsync(string path, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await Http.SendAsync(request);
    }

    private bool _stopped;

    /// <summary>A graceful stop, as on SIGTERM.</summary>
    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await App.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await StopAsync();
        await App.DisposeAsync();
    }
}
