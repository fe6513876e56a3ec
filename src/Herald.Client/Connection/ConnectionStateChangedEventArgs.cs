namespace Herald.Client;

public sealed class ConnectionStateChangedEventArgs(ConnectionState state, int? closeCode, TimeSpan? retryIn, string? reason) : EventArgs
{
    public ConnectionState State { get; } = state;

    /// <summary>The close code of the connection that just ended, when there was one.</summary>
    public int? CloseCode { get; } = closeCode;

    /// <summary>With <see cref="ConnectionState.Reconnecting"/>: the wait before the next attempt.</summary>
    public TimeSpan? RetryIn { get; } = retryIn;

    /// <summary>Why the connection ended or an attempt failed, for humans (a close description, a connect error).</summary>
    public string? Reason { get; } = reason;
}
