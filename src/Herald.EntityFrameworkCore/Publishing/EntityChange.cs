namespace Herald.EntityFrameworkCore.Publishing;

/// <summary>
/// An entity as it was saved. For a created entity, store-generated values (identity keys,
/// defaults) are already filled in: events are built after the database wrote the row.
/// </summary>
public sealed class EntityChange<TEntity>(TEntity entity, ChangeKind kind, IReadOnlyCollection<string> modifiedProperties)
    where TEntity : class
{
    public TEntity Entity { get; } = entity;

    public ChangeKind Kind { get; } = kind;

    /// <summary>For <see cref="ChangeKind.Updated"/>, the names of the properties that changed; empty otherwise.</summary>
    public IReadOnlyCollection<string> ModifiedProperties { get; } = modifiedProperties;
}
