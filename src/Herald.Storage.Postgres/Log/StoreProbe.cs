using Npgsql;

namespace Herald.Storage.Postgres.Log;

/// <summary>
/// The readiness query, <c>SELECT 1</c>, at most one at a time. Callers wait for the one under
/// way at most <see cref="PostgresOptions.ProbeTimeout"/>; a query that hung longer is given up
/// (not cancelled: cancelling on a silent connection blocks on the cancel request) and the next
/// caller starts a fresh one on a fresh connection, so readiness turns back as soon as the server does.
/// </summary>
internal sealed class StoreProbe(PostgresDatabase database, TimeProvider time, Action<Exception> failed)
{
    private readonly Lock _lock = new();
    private Task<bool>? _current;
    private long _started;

    public async ValueTask<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        var timeout = database.Options.ProbeTimeout;
        Task<bool> probe;
        lock (_lock)
        {
            var hung = _current is { IsCompleted: false } && time.GetElapsedTime(_started) > timeout;
            if (hung)
            {
                // The connection it took from the pool is silent; the idle ones beside it likely too.
                database.ResetPool();
            }

            if (_current is null || _current.IsCompleted || hung)
            {
                _started = time.GetTimestamp();
                _current = Task.Run(QueryAsync, CancellationToken.None);
            }

            probe = _current;
        }

        try
        {
            return await probe.WaitAsync(timeout, time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private async Task<bool> QueryAsync()
    {
        try
        {
            await using var command = database.DataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(CancellationToken.None).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException or IOException)
        {
            failed(ex);
            return false;
        }
    }
}
