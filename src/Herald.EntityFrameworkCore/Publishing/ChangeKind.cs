namespace Herald.EntityFrameworkCore.Publishing;

/// <summary>What happened to an entity in a <c>SaveChanges</c>.</summary>
public enum ChangeKind
{
    Created,
    Updated,
    Deleted,
}
