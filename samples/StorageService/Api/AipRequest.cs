namespace StorageService.Api;

/// <summary>
/// Body of <c>POST /storage/aips</c> (name required) and <c>PATCH /storage/aips/{uuid}</c>:
/// a new <c>status</c>, and/or a new <c>location_uuid</c> to move the AIP.
/// </summary>
public sealed record AipRequest(string? Name, string? Status, Guid? LocationUuid, Guid? ObjectKey);
