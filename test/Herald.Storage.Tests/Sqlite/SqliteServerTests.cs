using System.Text.Json;
using Herald.Log;
using Herald.Sources;
using Herald.Storage.Sqlite.Log;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Storage.Tests.Sqlite;

/// <summary>The standalone server on its SQLite default: durable publishes, resume across a restart.</summary>
public sealed class SqliteServerTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "herald-sqlite-server-" + Guid.NewGuid().ToString("N")[..12]);

    private Dictionary<string, string?> Settings => new()
    {
        ["Herald:Store"] = "sqlite",
        ["Herald:DataDirectory"] = _dataDirectory,
    };

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    [Fact]
    public async Task A_client_resumes_across_a_server_restart_between_two_publishes()
    {
        string token;
        string epoch;
        await using (var server = await HeraldTestServer.StartAsync(Settings))
        {
            server.Services.GetRequiredService<IEventLog>().ShouldBeOfType<SqliteEventLog>();
            token = server.Token("alice");
            await using var client = await server.ConnectWelcomedAsync(token);
            await client.SendAsync(new { type = "subscribe", id = 1, channel = "public:news" });
            epoch = (await client.NextOfTypeAsync("subscribed")).Str("epoch");

            var first = await server.PublishAsync("public:news", "story.published", new { n = 1 });
            first.Offset.ShouldBe(1);
            first.Epoch.ShouldBe(epoch);
            (await client.NextOfTypeAsync("event")).Long("offset").ShouldBe(1);
        }

        File.Exists(Path.Combine(_dataDirectory, "herald.db")).ShouldBeTrue();
        await using (var server = await HeraldTestServer.StartAsync(Settings))
        {
            var second = await server.PublishAsync("public:news", "story.published", new { n = 2 });
            second.Offset.ShouldBe(2);
            second.Epoch.ShouldBe(epoch);

            await using var client = await server.ConnectWelcomedAsync(token);
            await client.SendAsync(new { type = "subscribe", id = 1, channel = "public:news", since = new { epoch, offset = 1 } });
            var subscribed = await client.NextOfTypeAsync("subscribed");
            subscribed.GetProperty("recovered").GetBoolean().ShouldBeTrue();
            subscribed.Str("epoch").ShouldBe(epoch);
            subscribed.Long("offset").ShouldBe(2);
            var replayed = await client.NextOfTypeAsync("event");
            replayed.Long("offset").ShouldBe(2);
            replayed.GetProperty("data").GetProperty("n").GetInt32().ShouldBe(2);

            var third = await server.PublishAsync("public:news", "story.published", new { n = 3 });
            (await client.NextOfTypeAsync("event")).Long("offset").ShouldBe(third.Offset);
        }
    }

    [Fact]
    public async Task Concurrent_publishes_share_commits()
    {
        await using var server = await HeraldTestServer.StartAsync(Settings);
        var publisher = server.Services.GetRequiredService<IHeraldPublisher>();
        var log = (SqliteEventLog)server.Services.GetRequiredService<IEventLog>();
        var before = log.Commits;

        var publishes = Enumerable.Range(1, 300)
            .Select(i => publisher.PublishAsync(new PublishRequest("public:load", "tick", JsonSerializer.SerializeToUtf8Bytes(new { i }))).AsTask())
            .ToList();
        var results = await Task.WhenAll(publishes);

        results.Select(r => r.Offset).Order().ShouldBe(Enumerable.Range(1, 300).Select(i => (long)i));
        (log.Commits - before).ShouldBeLessThan(150, "300 concurrent publishes should be committed in far fewer groups");
    }
}
