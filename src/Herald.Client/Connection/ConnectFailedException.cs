namespace Herald.Client;

/// <summary>The upgrade did not complete: refused, timed out, or answered with an HTTP status.</summary>
internal sealed class ConnectFailedException(int? status, string message, Exception? inner) : Exception(message, inner)
{
    public int? Status { get; } = status;
}
