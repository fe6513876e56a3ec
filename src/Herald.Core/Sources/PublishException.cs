namespace Herald.Sources;

/// <summary>A publish was refused; <see cref="Code"/> is a PROTOCOL.md §6 error code.</summary>
public sealed class PublishException : Exception
{
    public PublishException(string code, string message, int? index = null)
        : base(message)
    {
        Code = code;
        Index = index;
    }

    public string Code { get; }

    /// <summary>For a batch, which message was refused.</summary>
    public int? Index { get; }
}
