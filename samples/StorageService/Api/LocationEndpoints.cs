using Microsoft.EntityFrameworkCore;
using StorageService.Data;

namespace StorageService.Api;

public static class LocationEndpoints
{
    public static void Map(RouteGroupBuilder storage)
    {
        storage.MapGet("/locations", ListAsync).Requires(StorageAttributes.LocationsList);
        storage.MapGet("/locations/{uuid:guid}", ReadAsync).Requires(StorageAttributes.LocationsList);
        storage.MapPost("/locations", CreateAsync).Requires(StorageAttributes.LocationsWrite);
        storage.MapPatch("/locations/{uuid:guid}", UpdateAsync).Requires(StorageAttributes.LocationsWrite);
    }

    private static async Task<IResult> ListAsync(StorageDb db, CancellationToken ct)
    {
        var locations = await db.Locations.AsNoTracking().OrderBy(l => l.Name).ToListAsync(ct);
        return TypedResults.Ok(locations.Select(LocationItem.From));
    }

    private static async Task<IResult> ReadAsync(Guid uuid, StorageDb db, CancellationToken ct) =>
        await db.Locations.FindAsync([uuid], ct) is { } l ? TypedResults.Ok(LocationItem.From(l)) : ApiProblems.NotFound("location");

    private static async Task<IResult> CreateAsync(LocationRequest body, StorageDb db, TimeProvider time, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.Name))
        {
            return ApiProblems.Invalid("A location needs a name.");
        }

        var location = new Location
        {
            Uuid = Guid.CreateVersion7(),
            Name = body.Name.Trim(),
            Description = body.Description ?? "",
            Source = body.Source ?? "minio",
            Purpose = body.Purpose ?? "aip_store",
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.Locations.Add(location);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/storage/locations/{location.Uuid}", LocationItem.From(location));
    }

    private static async Task<IResult> UpdateAsync(Guid uuid, LocationRequest body, StorageDb db, CancellationToken ct)
    {
        if (await db.Locations.FindAsync([uuid], ct) is not { } location)
        {
            return ApiProblems.NotFound("location");
        }

        if (body.Name is { } name)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                return ApiProblems.Invalid("A location needs a name.");
            }

            location.Name = name.Trim();
        }

        location.Description = body.Description ?? location.Description;
        location.Source = body.Source ?? location.Source;
        location.Purpose = body.Purpose ?? location.Purpose;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(LocationItem.From(location));
    }
}
