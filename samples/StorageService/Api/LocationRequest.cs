namespace StorageService.Api;

/// <summary>Body of <c>POST /storage/locations</c> (name required) and <c>PATCH</c> (any field).</summary>
public sealed record LocationRequest(string? Name, string? Description, string? Source, string? Purpose);
