namespace Herald.EntityFrameworkCore.Publishing;

/// <summary>An event built from a saved entity, about to become an outbox row.</summary>
internal sealed record OutboxDraft(string Channel, string Event, string? Key, string Data, bool Tombstone);
