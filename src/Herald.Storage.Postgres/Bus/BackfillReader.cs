using System.Threading.Channels;
using Herald.Log;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Herald.Storage.Postgres.Bus;

/// <summary>
/// Hands announced events to the hub from each channel's cursor on: those a notification carried
/// directly, the rest (too big to carry, or after a gap) read back from <c>herald_events</c>, so
/// the hub gets every channel's events in offset order, once, without gaps.
/// </summary>
internal sealed partial class BackfillReader(PostgresDatabase database, ChannelCursors cursors, ILogger logger)
{
    private long _readBacks;

    public long ReadBacks => Interlocked.Read(ref _readBacks);

    /// <summary>
    /// Delivers carried events that continue a channel from its cursor; returns, per channel, the
    /// range still to read back: from the first offset not delivered through the last announced.
    /// </summary>
    public Dictionary<string, (long First, long Last)> DeliverCarried(List<Announced> announced, ChannelWriter<LogEntry> feed)
    {
        var missing = new Dictionary<string, (long First, long Last)>(StringComparer.Ordinal);

        // Sorted per channel: sections of one commit, or of commits drained together, may come in any order.
        foreach (var section in announced.OrderBy(a => a.Channel, StringComparer.Ordinal).ThenBy(a => a.First))
        {
            var channel = section.Channel;
            if (missing.TryGetValue(channel, out var gap))
            {
                missing[channel] = (gap.First, Math.Max(gap.Last, section.Last));
                continue;
            }

            var next = cursors.Get(channel) is { } delivered ? delivered + 1 : section.First;
            if (section.Last < next)
            {
                continue;
            }

            if (section.Events is null || section.First > next)
            {
                missing[channel] = (next, section.Last);
                continue;
            }

            foreach (var entry in section.Events)
            {
                if (entry.Offset >= next)
                {
                    cursors.Advance(channel, entry.Offset);
                    feed.TryWrite(entry);
                }
            }
        }

        return missing;
    }

    public async Task DeliverAsync(Dictionary<string, (long First, long Last)> announced, bool catchUp, ChannelWriter<LogEntry> feed, ReadBackAttempt attempt, CancellationToken cancellationToken)
    {
        var ranges = new Dictionary<string, (long From, long Last)>(StringComparer.Ordinal);
        foreach (var (channel, (first, last)) in announced)
        {
            // After the cursor when there is one: that both skips what was delivered and fills a gap.
            var from = cursors.Get(channel) is { } delivered ? delivered + 1 : first;
            if (from <= last)
            {
                ranges[channel] = (from, last);
            }
        }

        if (catchUp)
        {
            await AddMissedAsync(ranges, cancellationToken).ConfigureAwait(false);
        }

        if (ranges.Count == 0)
        {
            return;
        }

        Interlocked.Increment(ref _readBacks);
        var channels = ranges.Keys.ToArray();
        await using var command = database.DataSource.CreateCommand(Herald.Storage.Postgres.Log.PostgresSql.ReadRanges);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = channels });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. channels.Select(c => ranges[c].From)] });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. channels.Select(c => ranges[c].Last)] });
        var entries = await Herald.Storage.Postgres.Log.PostgresRows.ReadAsync(command, cancellationToken).ConfigureAwait(false);

        // Only after the whole read succeeded: a failed or abandoned read is retried from the same cursors.
        attempt.DeliverUnlessAbandoned(() => Deliver(entries, ranges, feed));
    }

    private void Deliver(List<LogEntry> entries, Dictionary<string, (long From, long Last)> ranges, ChannelWriter<LogEntry> feed)
    {
        foreach (var entry in entries)
        {
            var expected = (cursors.Get(entry.Channel) ?? ranges[entry.Channel].From - 1) + 1;
            if (entry.Offset < expected)
            {
                continue;
            }

            if (entry.Offset > expected)
            {
                Log.Gap(logger, entry.Channel, expected, entry.Offset - 1);
            }

            cursors.Advance(entry.Channel, entry.Offset);
            feed.TryWrite(entry);
        }
    }

    /// <summary>After a lost LISTEN connection: every known channel whose stream moved past its cursor.</summary>
    private async ValueTask AddMissedAsync(Dictionary<string, (long From, long Last)> ranges, CancellationToken cancellationToken)
    {
        var known = cursors.Snapshot();
        if (known.Count == 0)
        {
            return;
        }

        await using var command = database.DataSource.CreateCommand(Herald.Storage.Postgres.Log.PostgresSql.LastOffsets);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. known.Keys] });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var channel = reader.GetString(0);
            var last = reader.GetInt64(1);
            if (last > known[channel])
            {
                var from = known[channel] + 1;
                ranges[channel] = ranges.TryGetValue(channel, out var r) ? (Math.Min(r.From, from), Math.Max(r.Last, last)) : (from, last);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = EventIds.PostgresReadBackGap, Level = LogLevel.Error, EventName = "PostgresReadBackGap", Message = "Events {From}-{To} of {Channel} were trimmed before this node could read them back; raise Herald:Postgres:ReadBackSlack.")]
        public static partial void Gap(ILogger logger, string channel, long from, long to);
    }
}
