using Npgsql;

namespace Herald.Storage.Postgres.Bus;

/// <summary>
/// The LISTEN connection. A server that goes away with a reset fails the wait at once; one that
/// a middlebox stopped forwarding to fails nothing, so after <see cref="PostgresOptions.ListenProbeInterval"/>
/// of silence the bus asks <c>SELECT 1</c> and gives the connection up when no answer comes within
/// <see cref="PostgresOptions.ProbeTimeout"/>. Either way it reconnects and catches up from the log.
/// </summary>
internal sealed partial class PostgresEventBus
{
    private async Task ListenAsync(CancellationToken stop)
    {
        var backoff = TimeSpan.FromMilliseconds(100);
        var lost = false;
        while (!stop.IsCancellationRequested)
        {
            NpgsqlConnection? connection = null;
            var silent = false;
            try
            {
                await _database.MigrateAsync(stop).ConfigureAwait(false);
                connection = await OpenAsync(stop).ConfigureAwait(false);
                connection.Notification += (_, e) => _signals.Writer.TryWrite(e.Payload);
                await AskAsync(connection, "LISTEN " + PostgresSchema.Notifications, stop).ConfigureAwait(false);

                // Anything committed before LISTEN took effect is found by this catch-up (null),
                // anything after it is announced; overlaps are dropped by the cursors.
                _signals.Writer.TryWrite(null);
                if (lost)
                {
                    _database.ResetPool();
                    Log.Reconnected(_logger);
                }

                _health.Listening(true);
                lost = false;
                backoff = TimeSpan.FromMilliseconds(100);
                while (true)
                {
                    if (!await connection.WaitAsync(_database.Options.ListenProbeInterval, stop).ConfigureAwait(false))
                    {
                        await AskAsync(connection, "SELECT 1", stop).ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                if (!lost)
                {
                    Log.ListenLost(_logger, ex.Message);
                }

                _health.Listening(false);
                lost = true;
                silent = ex is TimeoutException;
                if (silent)
                {
                    // Silence, not an error: the pooled connections to the same server are as silent.
                    _database.ResetPool();
                }

                await Delay(backoff, stop).ConfigureAwait(false);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(2).Ticks));
            }
            finally
            {
                if (connection is not null)
                {
                    var closing = CloseAsync(connection);
                    if (!silent)
                    {
                        await closing.ConfigureAwait(false);
                    }
                }
            }
        }

        _health.Listening(false);
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken stop)
    {
        // Before authentication a cancelled open just closes its socket, so a token bounds it safely.
        using var deadline = new CancellationTokenSource(_database.Options.ProbeTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, deadline.Token);
        try
        {
            return await _database.ListenDataSource.OpenConnectionAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !stop.IsCancellationRequested)
        {
            throw new TimeoutException($"PostgreSQL did not accept a connection within {_database.Options.ProbeTimeout}.");
        }
    }

    /// <summary>
    /// A command on the LISTEN connection, given up (not cancelled) after the probe timeout:
    /// cancelling sends a cancel request that is as stuck as the command.
    /// </summary>
    private async Task AskAsync(NpgsqlConnection connection, string sql, CancellationToken stop)
    {
        var command = new NpgsqlCommand(sql, connection);
        try
        {
            await command.ExecuteNonQueryAsync(CancellationToken.None).WaitAsync(_database.Options.ProbeTimeout, _time, stop).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"PostgreSQL did not answer '{sql}' within {_database.Options.ProbeTimeout}.");
        }

        await command.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Never throws; not awaited for a silent connection, whose close waits for the command that never returned.</summary>
    private static async Task CloseAsync(NpgsqlConnection connection)
    {
        try
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or IOException or TimeoutException or OperationCanceledException)
        {
            // It was dead already; nothing more to release.
        }
    }
}
