namespace Herald.EntityFrameworkCore.Tests.Support;

/// <summary>An entity that is not configured for publishing.</summary>
public sealed class Note
{
    public int Id { get; set; }

    public string Text { get; set; } = "";
}
