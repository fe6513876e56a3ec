namespace StorageService.Data;

/// <summary>Where AIPs are kept (an object store bucket, a tape library…).</summary>
public sealed class Location
{
    public Guid Uuid { get; set; }

    public string Name { get; set; } = "";

    public string Description { get; set; } = "";

    /// <summary>The kind of storage behind it: <c>minio</c>, <c>sftp</c>, <c>amss</c>…</summary>
    public string Source { get; set; } = "minio";

    /// <summary>What it is for: <c>aip_store</c>.</summary>
    public string Purpose { get; set; } = "aip_store";

    public DateTime CreatedAt { get; set; }
}
