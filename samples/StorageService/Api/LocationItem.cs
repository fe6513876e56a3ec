using StorageService.Data;

namespace StorageService.Api;

/// <summary>A location as the API returns it and as events carry it in <c>item</c>.</summary>
public sealed record LocationItem(Guid Uuid, string Name, string Description, string Source, string Purpose, DateTime CreatedAt)
{
    public static LocationItem From(Location l) => new(l.Uuid, l.Name, l.Description, l.Source, l.Purpose, l.CreatedAt);
}
