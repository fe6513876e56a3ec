namespace Herald.Client;

/// <summary>How a wire ended: a close code, and the server's error when the wire itself carried one (an HTTP refusal).</summary>
internal sealed record WireEnd(int Code, string Description, string? ErrorCode = null, string? ErrorMessage = null);
