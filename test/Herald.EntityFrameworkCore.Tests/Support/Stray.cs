namespace Herald.EntityFrameworkCore.Tests.Support;

/// <summary>Published to a namespace Herald does not know: every row of it is refused for good.</summary>
public sealed class Stray
{
    public int Id { get; set; }
}
