using System.Transactions;
using Herald.EntityFrameworkCore.Publishing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Herald.EntityFrameworkCore.Capture;

/// <summary>
/// Turns the changes of configured entity types into outbox rows inside the save's transaction.
/// Before the save it notes the changes and, when the save has no transaction, begins one; after
/// the entities are written it inserts the rows and commits what it began. So the rows exist
/// exactly when the change does: a rollback, of the save or of the application's transaction,
/// takes them with it. Nothing here talks to Herald, so Herald being down never fails a save.
/// </summary>
internal sealed class OutboxSaveChangesInterceptor(PublishingMap map, CaptureRegistry registry) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context && Capture(context) is { } state && NeedsOwnTransaction(context))
        {
            state.OwnedTransaction = context.Database.BeginTransaction();
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && Capture(context) is { } state && NeedsOwnTransaction(context))
        {
            state.OwnedTransaction = await context.Database.BeginTransactionAsync(cancellationToken);
        }

        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is { } context && registry.Find(context) is { Pending.Count: > 0 } state)
        {
            OutboxWriter.Write(context, Rows(context, state));
            Finish(context, state);
            state.OwnedTransaction?.Commit();
            Release(state);
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && registry.Find(context) is { Pending.Count: > 0 } state)
        {
            await OutboxWriter.WriteAsync(context, Rows(context, state), cancellationToken);
            Finish(context, state);
            if (state.OwnedTransaction is { } transaction)
            {
                await transaction.CommitAsync(cancellationToken);
            }

            await ReleaseAsync(state);
        }

        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Abandon(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default) =>
        AbandonAsync(eventData.Context);

    public override void SaveChangesCanceled(DbContextEventData eventData) => Abandon(eventData.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default) =>
        AbandonAsync(eventData.Context);

    private CaptureState? Capture(DbContext context)
    {
        List<PendingChange>? pending = null;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            var kind = entry.State switch
            {
                EntityState.Added => ChangeKind.Created,
                EntityState.Modified => ChangeKind.Updated,
                EntityState.Deleted => ChangeKind.Deleted,
                _ => (ChangeKind?)null,
            };
            if (kind is null || map.Find(entry.Entity.GetType()) is not { } publication)
            {
                continue;
            }

            IReadOnlyCollection<string> modified = kind == ChangeKind.Updated
                ? [.. entry.Properties.Where(p => p.IsModified).Select(p => p.Metadata.Name)]
                : [];
            (pending ??= []).Add(new PendingChange(entry.Entity, entry.Metadata, publication, kind.Value, modified));
        }

        if (pending is null)
        {
            return null;
        }

        var state = registry.For(context);
        state.Pending.Clear();
        state.Pending.AddRange(pending);
        return state;
    }

    // An ambient TransactionScope already makes the save and the rows one unit of work.
    private static bool NeedsOwnTransaction(DbContext context) =>
        context.Database.CurrentTransaction is null && Transaction.Current is null;

    private List<HeraldOutboxMessage> Rows(DbContext context, CaptureState state)
    {
        var now = ApplicationServices.Clock(context).GetUtcNow().UtcDateTime;
        var rows = new List<HeraldOutboxMessage>(state.Pending.Count);
        foreach (var change in state.Pending)
        {
            foreach (var draft in change.Publication.Build(change.Entity, change.Metadata, change.Kind, change.Modified, map.Json))
            {
                rows.Add(new HeraldOutboxMessage
                {
                    MessageId = Guid.CreateVersion7(),
                    Channel = draft.Channel,
                    Event = draft.Event,
                    Key = draft.Key,
                    Data = draft.Data,
                    Tombstone = draft.Tombstone,
                    CreatedAt = now,
                });
            }
        }

        return rows;
    }

    private static void Finish(DbContext context, CaptureState state)
    {
        state.Pending.Clear();
        if (state.OwnedTransaction is null && context.Database.CurrentTransaction is not null)
        {
            // The application's transaction: the relay is woken when it commits (OutboxTransactionInterceptor).
            state.AwaitingCommit = true;
        }
        else if (state.OwnedTransaction is null)
        {
            // Ambient transaction: its commit is not visible to EF; the relay's poll finds the rows.
            ApplicationServices.WakeRelay(context);
        }
    }

    private static void Release(CaptureState state)
    {
        state.OwnedTransaction?.Dispose();
        state.OwnedTransaction = null;
    }

    private static async ValueTask ReleaseAsync(CaptureState state)
    {
        if (state.OwnedTransaction is { } transaction)
        {
            state.OwnedTransaction = null;
            await transaction.DisposeAsync();
        }
    }

    private void Abandon(DbContext? context)
    {
        if (context is not null && registry.Find(context) is { } state)
        {
            state.Pending.Clear();

            // Disposing an uncommitted transaction rolls it back, entity changes and rows alike.
            Release(state);
        }
    }

    private async Task AbandonAsync(DbContext? context)
    {
        if (context is not null && registry.Find(context) is { } state)
        {
            state.Pending.Clear();
            await ReleaseAsync(state);
        }
    }
}
