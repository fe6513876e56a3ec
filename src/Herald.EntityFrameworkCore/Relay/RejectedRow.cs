namespace Herald.EntityFrameworkCore.Relay;

internal sealed record RejectedRow(HeraldOutboxMessage Row, string Code, string Reason);
