namespace Herald.EntityFrameworkCore.Relay;

/// <summary>The rows Herald accepted, in order, and at most one it refused for good.</summary>
internal sealed record BatchOutcome(IReadOnlyList<HeraldOutboxMessage> Published, RejectedRow? Rejected);
