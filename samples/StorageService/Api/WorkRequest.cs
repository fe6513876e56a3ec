namespace StorageService.Api;

/// <summary>Body for workflows (<c>type</c>) and tasks (<c>name</c>, <c>note</c>): create and update.</summary>
public sealed record WorkRequest(string? Type, string? Name, string? Status, string? Note);
