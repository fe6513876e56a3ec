namespace Herald.EntityFrameworkCore.Tests.Support;

/// <summary>A published entity with a client-side key.</summary>
public sealed class Widget
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public string Name { get; set; } = "";

    public string Status { get; set; } = "new";
}
