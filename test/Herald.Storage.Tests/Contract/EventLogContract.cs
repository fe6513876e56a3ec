using System.Text;
using Herald.Configuration;
using Herald.History;
using Herald.Log;
using Herald.Protocol;
using Herald.Security;
using Microsoft.Extensions.Time.Testing;

namespace Herald.Storage.Tests.Contract;

/// <summary>
/// What every event log must do, run unchanged against each store: a store is done when one
/// small subclass (opening an empty log on the given clock) passes it. The resume and history
/// cases go through Core's <see cref="CatchUpReader"/> and <see cref="ChannelHistory"/>, which
/// decide on the facts the store reads back, as the server does.
/// </summary>
public abstract partial class EventLogContract : IAsyncLifetime
{
    private IEventLog? _log;

    /// <summary>The clock every store under test is opened on; age-based retention moves it.</summary>
    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero));

    protected IEventLog Log => _log ?? throw new InvalidOperationException("The log is opened in InitializeAsync.");

    public async Task InitializeAsync() => _log = await OpenAsync(Time);

    public virtual Task DisposeAsync() => Task.CompletedTask;

    /// <summary>A new, empty log that takes its timestamps from <paramref name="time"/>.</summary>
    protected abstract ValueTask<IEventLog> OpenAsync(TimeProvider time);

    protected static ChannelRetention Retention(int size = 100, int hours = 1, int keys = 100) => new(size, TimeSpan.FromHours(hours), keys);

    protected static AppendRequest Event(string channel, string name, ChannelRetention? retention = null, string? key = null, bool tombstone = false, string? idempotencyKey = null) =>
        new(channel, name, Encoding.UTF8.GetBytes($"{{\"name\":\"{name}\"}}"), key, tombstone, idempotencyKey, retention ?? ChannelRetention.Default);

    protected async Task<IReadOnlyList<AppendOutcome>> AppendAsync(params AppendRequest[] batch) => await Log.AppendAsync(batch, default);

    protected Task<StreamRead> ResumeAsync(string channel, StreamPosition? since, bool snapshot = false, ChannelRetention? retention = null) =>
        ResumeAsync(Log, channel, since, snapshot, retention);

    protected async Task<StreamRead> ResumeAsync(IEventLogReader log, string channel, StreamPosition? since, bool snapshot = false, ChannelRetention? retention = null) =>
        await new CatchUpReader(log, _ => retention ?? ChannelRetention.Default, Time).ReadAsync(channel, since, snapshot, default);

    /// <summary>A history page as the HTTP endpoint reads it, for a reader who may see every event.</summary>
    private protected async Task<HistoryPage> HistoryAsync(string channel, ChannelRetention retention, long? since = null, string? epoch = null, int limit = 100)
    {
        var policy = new NamespacePolicy("public", new NamespaceOptions { HistorySize = retention.HistorySize, HistoryAge = retention.HistoryAge, MaxKeys = retention.MaxKeys });
        return await new ChannelHistory(Log, Time).ReadAsync(channel, policy, PermissionSet.Empty, since, epoch, limit, default);
    }

    protected static string Text(LogEntry entry) => Encoding.UTF8.GetString(entry.Data.Span);
}
