using System.Collections.Concurrent;
using Herald.Log;
using Herald.Storage.Postgres;
using Herald.Storage.Postgres.Bus;
using Herald.Storage.Postgres.Log;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Herald.Storage.Tests.Postgres;

/// <summary>
/// One simulated node in this process: its own pool, cursors, log and LISTEN/NOTIFY bus, with
/// everything the bus hands to the hub collected in <see cref="Delivered"/>.
/// </summary>
internal sealed class PostgresBusNode : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reading;

    private PostgresBusNode(PostgresOptions options)
    {
        Database = new PostgresDatabase(Options.Create(options), NullLogger<PostgresDatabase>.Instance);
        var cursors = new ChannelCursors();
        Log = new PostgresEventLog(Database, cursors, TimeProvider.System, NullLogger<PostgresEventLog>.Instance);
        Bus = new PostgresEventBus(Database, cursors, TimeProvider.System, NullLogger<PostgresEventBus>.Instance);
        _reading = Task.Run(async () =>
        {
            await foreach (var entry in Bus.ReadAllAsync(_stop.Token))
            {
                Delivered.Enqueue(entry);
            }
        });
    }

    public PostgresDatabase Database { get; }

    public PostgresEventLog Log { get; }

    public PostgresEventBus Bus { get; }

    public ConcurrentQueue<LogEntry> Delivered { get; } = new();

    /// <summary>Started and listening: what is committed from now on reaches it.</summary>
    public static async Task<PostgresBusNode> StartAsync(PostgresOptions options)
    {
        var node = new PostgresBusNode(options);
        await Eventually.TrueAsync(async () => await node.Bus.IsHealthyAsync(default), "the bus to listen");
        return node;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Bus.DisposeAsync();
        await _reading.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await Database.DisposeAsync();
        _stop.Dispose();
    }
}
