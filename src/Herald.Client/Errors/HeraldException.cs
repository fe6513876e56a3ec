namespace Herald.Client;

/// <summary>The server refused something (<see cref="Code"/> is its error code), or a subscription ended.</summary>
public class HeraldException : Exception
{
    public HeraldException(string? code, string message)
        : base(message)
    {
        Code = code;
    }

    public HeraldException(string? code, string message, Exception? inner)
        : base(message, inner)
    {
        Code = code;
    }

    /// <summary>The protocol's error code (<c>ACCESS_DENIED</c>, <c>INVALID_CHANNEL</c>…), when the server gave one.</summary>
    public string? Code { get; }
}
