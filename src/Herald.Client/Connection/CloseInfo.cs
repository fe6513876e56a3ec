namespace Herald.Client;

/// <summary>How one connection ended.</summary>
internal sealed record CloseInfo(int Code, string Description, string? ErrorCode, string? ErrorMessage);
