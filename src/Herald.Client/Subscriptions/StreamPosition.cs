namespace Herald.Client;

/// <summary>A place in a channel's stream: the epoch (one life of the stream) and the offset of the last event processed.</summary>
public sealed record StreamPosition(string Epoch, long Offset)
{
    /// <summary>The form the CLI accepts and prints: <c>epoch:offset</c>.</summary>
    public override string ToString() => $"{Epoch}:{Offset}";

    public static bool TryParse(string? text, out StreamPosition? position)
    {
        position = null;
        var colon = text?.LastIndexOf(':') ?? -1;
        if (colon <= 0 || !long.TryParse(text.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var offset))
        {
            return false;
        }

        position = new StreamPosition(text![..colon], offset);
        return true;
    }
}
