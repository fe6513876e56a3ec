using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Herald.EntityFrameworkCore.Capture;

/// <summary>
/// Wakes the relay the moment a transaction holding outbox rows commits, so events leave within
/// milliseconds instead of at the next poll; forgets the rows when it rolls back.
/// </summary>
internal sealed class OutboxTransactionInterceptor(CaptureRegistry registry) : DbTransactionInterceptor
{
    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => RolledBack(eventData);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        RolledBack(eventData);
        return Task.CompletedTask;
    }

    private void Committed(TransactionEndEventData eventData)
    {
        if (eventData.Context is not { } context || registry.Find(context) is not { } state)
        {
            return;
        }

        // Our own transaction (committed inside SavedChanges) or the application's, after a save wrote rows.
        if (state.OwnedTransaction is not null || state.AwaitingCommit)
        {
            state.AwaitingCommit = false;
            ApplicationServices.WakeRelay(context);
        }
    }

    private void RolledBack(TransactionEndEventData eventData)
    {
        if (eventData.Context is { } context && registry.Find(context) is { } state)
        {
            state.AwaitingCommit = false;
        }
    }
}
