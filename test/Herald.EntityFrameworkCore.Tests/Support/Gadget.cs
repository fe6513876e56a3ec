namespace Herald.EntityFrameworkCore.Tests.Support;

/// <summary>A published entity whose key the database generates, with every default of the builder.</summary>
public sealed class Gadget
{
    public int Id { get; set; }

    public string Label { get; set; } = "";
}
