namespace StorageService.Data;

/// <summary>An archival information package: stored in one location, with a status.</summary>
public sealed class Aip
{
    public Guid Uuid { get; set; }

    public string Name { get; set; } = "";

    public Guid ObjectKey { get; set; }

    /// <summary>One of <see cref="AipStatus.All"/>.</summary>
    public string Status { get; set; } = AipStatus.Unspecified;

    public Guid? LocationUuid { get; set; }

    public Location? Location { get; set; }

    public DateTime CreatedAt { get; set; }

    public List<Workflow> Workflows { get; set; } = [];
}
