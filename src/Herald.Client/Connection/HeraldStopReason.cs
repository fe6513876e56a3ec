namespace Herald.Client;

/// <summary>Why a client stopped for good.</summary>
/// <param name="CloseCode">The last connection's close code, when a close caused the stop.</param>
/// <param name="ErrorCode">The server's error code that came with it (<c>INVALID_CREDENTIALS</c>, <c>ACCESS_DENIED</c>…), if any.</param>
/// <param name="Message">For humans.</param>
public sealed record HeraldStopReason(int? CloseCode, string? ErrorCode, string Message)
{
    /// <summary>True when the application disposed the client, rather than the server or the provider ending it.</summary>
    public bool Disposed { get; init; }
}
