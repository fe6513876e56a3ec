namespace Herald.Protocol;

/// <summary>
/// A client's <c>id</c>, echoed verbatim: either a string or the raw UTF-8 of a JSON number,
/// so <c>1.0</c> comes back as <c>1.0</c>, not <c>1</c>.
/// </summary>
public readonly record struct MessageId(string? Text, byte[]? Number)
{
    public bool IsPresent => Text is not null || Number is not null;
}
