using Microsoft.EntityFrameworkCore;
using StorageService.Data;

namespace StorageService.Api;

public static class AipEndpoints
{
    private const int MaxList = 500;

    public static void Map(RouteGroupBuilder storage)
    {
        storage.MapGet("/aips", ListAsync).Requires(StorageAttributes.AipsList);
        storage.MapGet("/aips/{uuid:guid}", ReadAsync).Requires(StorageAttributes.AipsRead);
        storage.MapPost("/aips", CreateAsync).Requires(StorageAttributes.AipsWrite);
        storage.MapPatch("/aips/{uuid:guid}", UpdateAsync).Requires(StorageAttributes.AipsWrite);
    }

    /// <summary>Newest first; <c>?status=</c> and <c>?location_uuid=</c> narrow it.</summary>
    private static async Task<IResult> ListAsync(string? status, Guid? location_uuid, StorageDb db, CancellationToken ct)
    {
        var query = db.Aips.AsNoTracking();
        if (status is not null)
        {
            query = query.Where(a => a.Status == status);
        }

        if (location_uuid is { } location)
        {
            query = query.Where(a => a.LocationUuid == location);
        }

        // Version 7 UUIDs sort by creation time.
        var aips = await query.OrderByDescending(a => a.Uuid).Take(MaxList).ToListAsync(ct);
        return TypedResults.Ok(aips.Select(AipItem.From));
    }

    private static async Task<IResult> ReadAsync(Guid uuid, StorageDb db, CancellationToken ct) =>
        await db.Aips.FindAsync([uuid], ct) is { } a ? TypedResults.Ok(AipItem.From(a)) : ApiProblems.NotFound("AIP");

    private static async Task<IResult> CreateAsync(AipRequest body, StorageDb db, TimeProvider time, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.Name))
        {
            return ApiProblems.Invalid("An AIP needs a name.");
        }

        if (await CheckAsync(body, db, ct) is { } problem)
        {
            return problem;
        }

        var aip = new Aip
        {
            Uuid = Guid.CreateVersion7(),
            Name = body.Name.Trim(),
            ObjectKey = body.ObjectKey ?? Guid.NewGuid(),
            Status = body.Status ?? AipStatus.Pending,
            LocationUuid = body.LocationUuid,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.Aips.Add(aip);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/storage/aips/{aip.Uuid}", AipItem.From(aip));
    }

    /// <summary>Renames, changes the status, and/or moves the AIP to <c>location_uuid</c>: one <c>aip.updated</c>.</summary>
    private static async Task<IResult> UpdateAsync(Guid uuid, AipRequest body, StorageDb db, CancellationToken ct)
    {
        if (await db.Aips.FindAsync([uuid], ct) is not { } aip)
        {
            return ApiProblems.NotFound("AIP");
        }

        if (await CheckAsync(body, db, ct) is { } problem)
        {
            return problem;
        }

        if (body.Name is { } name && !string.IsNullOrWhiteSpace(name))
        {
            aip.Name = name.Trim();
        }

        aip.Status = body.Status ?? aip.Status;
        aip.LocationUuid = body.LocationUuid ?? aip.LocationUuid;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(AipItem.From(aip));
    }

    private static async Task<IResult?> CheckAsync(AipRequest body, StorageDb db, CancellationToken ct)
    {
        if (body.Status is { } status && !AipStatus.All.Contains(status))
        {
            return ApiProblems.Invalid($"Unknown status '{status}'; one of: {string.Join(", ", AipStatus.All)}.");
        }

        if (body.LocationUuid is { } location && await db.Locations.FindAsync([location], ct) is null)
        {
            return ApiProblems.Invalid($"No location {location}.");
        }

        return null;
    }
}
