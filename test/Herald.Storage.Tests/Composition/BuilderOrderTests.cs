using Herald.Log;
using Herald.Security.ApiKeys;
using Herald.Security.Tickets;
using Herald.Storage.Sqlite.Keys;
using Herald.Storage.Sqlite.Log;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Storage.Tests.Composition;

/// <summary>An application composing Herald with the builder: whichever order its calls come in, it gets the same Herald.</summary>
public sealed class BuilderOrderTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "herald-builder-" + Guid.NewGuid().ToString("N")[..12]);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    [Theory]
    [InlineData("sqlite", "cluster", "keys")]
    [InlineData("cluster", "sqlite", "keys")]
    [InlineData("keys", "cluster", "sqlite")]
    [InlineData("cluster", "keys", "sqlite")]
    public async Task The_store_cluster_feed_and_key_store_are_the_same_in_any_order(params string[] order)
    {
        Directory.CreateDirectory(_directory);
        var database = Path.Combine(_directory, "herald.db");
        string epoch;
        await using (var server = await StartAsync(database, new InMemoryApiKeyStore(), order))
        {
            epoch = (await server.PublishAsync("public:news", "story", new { n = 1 })).Epoch;
        }

        // Restarted with the calls reversed: the event is still in the file, the feed still there,
        // and the application's key store still the one that answers.
        var keys = new InMemoryApiKeyStore();
        await using (var server = await StartAsync(database, keys, [.. order.Reverse()]))
        {
            var second = await server.PublishAsync("public:news", "story", new { n = 2 });
            second.Epoch.ShouldBe(epoch, "the log is the SQLite file in both orders, not the in-memory default");
            second.Offset.ShouldBe(2);

            server.Services.GetRequiredService<IEventLog>().ShouldBeOfType<SqliteEventLog>();
            server.Services.GetRequiredService<ITicketStore>().ShouldBeOfType<SqliteTicketStore>();

            var (record, key) = await server.Services.GetRequiredService<ApiKeyService>().CreateAsync("svc", "ops", [], null, null, CancellationToken.None);
            (await keys.ListAsync(CancellationToken.None)).Select(k => k.Id).ShouldBe([record.Id], "AddApiKeys wins over SQLite's key table whichever came first");
            await using var byKey = await TestClient.ConnectAsync(server.WebSocketUri(query: "api_key=" + Uri.EscapeDataString(key)));
            (await byKey.NextOfTypeAsync("welcome")).Str("type").ShouldBe("welcome");

            // The cluster mount speaks the cluster status format: the current status comes first.
            await using var admin = await server.ConnectAsync(server.Token("ops", "admin"), "/ws/cluster");
            (await admin.NextOfTypeAsync("status")).GetProperty("data").GetProperty("nodes").GetArrayLength().ShouldBe(1);
        }
    }

    [Fact]
    public void Two_stores_are_refused_in_either_order()
    {
        var sqliteFirst = Should.Throw<InvalidOperationException>(() =>
            new ServiceCollection().AddHerald().UseSqlite("a.db").UsePostgres(o => o.ConnectionString = "Host=unused"));
        var postgresFirst = Should.Throw<InvalidOperationException>(() =>
            new ServiceCollection().AddHerald().UsePostgres(o => o.ConnectionString = "Host=unused").UseSqlite("a.db"));

        var redisFirst = Should.Throw<InvalidOperationException>(() =>
            new ServiceCollection().AddHerald().UseRedis(o => o.ConnectionString = "unused:6379").UsePostgres(o => o.ConnectionString = "Host=unused"));
        var redisSecond = Should.Throw<InvalidOperationException>(() =>
            new ServiceCollection().AddHerald().UseSqlite("a.db").UseRedis(o => o.ConnectionString = "unused:6379"));

        sqliteFirst.Message.ShouldContain("choose one store");
        postgresFirst.Message.ShouldContain("choose one store");
        redisFirst.Message.ShouldContain("choose one store");
        redisSecond.Message.ShouldContain("choose one store");
    }

    private static Task<HeraldTestServer> StartAsync(string database, IApiKeyStore keys, string[] order) =>
        HeraldTestServer.StartAsync(null, settings =>
        {
            var builder = WebApplication.CreateBuilder();
            builder.Configuration.Sources.Clear();
            builder.Configuration.AddInMemoryCollection(TestSettings.ForEmbedding(settings));
            builder.WebHost.UseUrls(settings["urls"]!);
            var herald = builder.Services.AddHerald(builder.Configuration.GetSection("Herald"));
            foreach (var call in order)
            {
                _ = call switch
                {
                    "sqlite" => herald.UseSqlite(database),
                    "cluster" => herald.AddCluster(),
                    "keys" => herald.AddApiKeys(_ => keys),
                    _ => throw new ArgumentOutOfRangeException(nameof(order), call, null),
                };
            }

            var app = builder.Build();
            app.MapHerald("/ws");
            app.MapHeraldApi("/api");
            app.MapHeraldCluster("/ws/cluster");
            return app;
        });
}
