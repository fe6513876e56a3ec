using System.Buffers;

namespace Herald.Channels;

/// <summary>Validation of channel, event and key names (PROTOCOL.md §6).</summary>
public static class ChannelName
{
    public const int MaxLength = 128;
    public const int MaxKeyLength = 256;

    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.:@=-");

    public static bool IsValid(ReadOnlySpan<char> name) =>
        name.Length is > 0 and <= MaxLength && !name.ContainsAnyExcept(Allowed);

    /// <summary>Event names share the channel character set so they can never break a glob or a log line.</summary>
    public static bool IsValidEventName(ReadOnlySpan<char> name) => IsValid(name);

    /// <summary>1-256 characters, no control characters, no lone surrogates: also the rule for idempotency keys.</summary>
    public static bool IsValidKey(ReadOnlySpan<char> key)
    {
        if (key.Length is 0 or > MaxKeyLength || !UnicodeText.IsWellFormed(key))
        {
            return false;
        }

        foreach (var c in key)
        {
            if (char.IsControl(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The namespace is the prefix before the first ':', or the whole name.</summary>
    public static ReadOnlySpan<char> NamespaceOf(ReadOnlySpan<char> channel)
    {
        var colon = channel.IndexOf(':');
        return colon < 0 ? channel : channel[..colon];
    }
}
