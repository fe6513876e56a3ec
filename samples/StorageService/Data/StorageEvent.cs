namespace StorageService.Data;

/// <summary>The <c>data</c> of every storage event: <c>{uuid, item}</c>.</summary>
public sealed record StorageEvent(Guid Uuid, object Item);
