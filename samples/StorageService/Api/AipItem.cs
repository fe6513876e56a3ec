using StorageService.Data;

namespace StorageService.Api;

public sealed record AipItem(Guid Uuid, string Name, Guid ObjectKey, string Status, Guid? LocationUuid, DateTime CreatedAt)
{
    public static AipItem From(Aip a) => new(a.Uuid, a.Name, a.ObjectKey, a.Status, a.LocationUuid, a.CreatedAt);
}
