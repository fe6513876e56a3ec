using Herald.Sources;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Herald.EntityFrameworkCore.Tests.Support;

/// <summary>
/// The application: a SQLite file database with publishing configured, and the outbox relay
/// publishing to whatever it is given. Several may run one after another on the same file,
/// as an application restarted after a crash would.
/// </summary>
public sealed class AppHost : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _stopped;

    private AppHost(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    /// <summary>The poll interval is long on purpose: events that arrive fast arrived because a commit woke the relay.</summary>
    public static Task<AppHost> StartAsync(string databasePath, IHeraldPublisher publisher, TimeSpan? pollInterval = null) =>
        StartAsync(o => Sqlite(o, databasePath), publisher, pollInterval);

    public static void Sqlite(DbContextOptionsBuilder options, string databasePath) =>
        options.UseSqlite(new SqliteConnectionStringBuilder { DataSource = databasePath, DefaultTimeout = 30 }.ToString());

    /// <summary>The same application on whatever database <paramref name="useDatabase"/> points the context at.</summary>
    public static async Task<AppHost> StartAsync(Action<DbContextOptionsBuilder> useDatabase, IHeraldPublisher publisher, TimeSpan? pollInterval = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(publisher);
        builder.Services.AddDbContext<TestDb>(o =>
        {
            useDatabase(o);
            o.AddHeraldPublishing(TestPublishing.Configure);
        });
        builder.Services.AddHeraldOutboxRelay<TestDb>(o => o.PollInterval = pollInterval ?? TimeSpan.FromMinutes(5));
        var host = builder.Build();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<TestDb>().Database.EnsureCreatedAsync();
        }

        await host.StartAsync();
        return new AppHost(host);
    }

    public AsyncServiceScope Scope(out TestDb db)
    {
        var scope = _host.Services.CreateAsyncScope();
        db = scope.ServiceProvider.GetRequiredService<TestDb>();
        return scope;
    }

    public async Task<List<HeraldOutboxMessage>> OutboxAsync()
    {
        await using var scope = Scope(out var db);
        return await db.Set<HeraldOutboxMessage>().AsNoTracking().OrderBy(m => m.Id).ToListAsync();
    }

    /// <summary>Stops the relay (and everything else) as a shutdown would: whatever it was doing is cancelled.</summary>
    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await _host.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _host.Dispose();
    }
}
