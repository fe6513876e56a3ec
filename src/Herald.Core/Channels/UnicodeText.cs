namespace Herald.Channels;

/// <summary>
/// Well-formed UTF-16: every surrogate in a pair. A lone one cannot be encoded as UTF-8, so it
/// could never reach a text frame intact (strict encoders throw, lenient ones alter the text).
/// </summary>
internal static class UnicodeText
{
    public static bool IsWellFormed(ReadOnlySpan<char> text)
    {
        var i = text.IndexOfAnyInRange('\uD800', '\uDFFF');
        if (i < 0)
        {
            return true;
        }

        for (; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}
