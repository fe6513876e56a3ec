using System.Globalization;
using System.Text.Json;
using System.Text.Unicode;

namespace Herald.Sources;

/// <summary>
/// What event data must be: its bytes are spliced raw into every text frame, so they must be
/// exactly one JSON value, valid UTF-8, with no escaped lone surrogate (JavaScript's JSON.parse
/// accepts <c>"\ud800"</c>, but clients that re-encode the string as UTF-8 fail on it).
/// </summary>
internal static class EventData
{
    /// <summary>Null when <paramref name="json"/> is fit to publish, else why not.</summary>
    public static string? Problem(ReadOnlySpan<byte> json)
    {
        // System.Text.Json's reader does not validate UTF-8 inside strings; this does, vectorised.
        if (!Utf8.IsValid(json))
        {
            return "Event data is not valid UTF-8.";
        }

        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
            if (!reader.Read())
            {
                return "Event data must be one JSON value.";
            }

            // One pass over every token; the reader itself refuses a second top-level value.
            do
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName
                    && reader.ValueIsEscaped
                    && !SurrogatesPair(reader.ValueSpan))
                {
                    return "Event data holds a lone surrogate escape (\\uD800-\\uDFFF without its pair); strings must be well-formed Unicode.";
                }
            }
            while (reader.Read());

            return null;
        }
        catch (JsonException)
        {
            return "Event data must be one JSON value.";
        }
    }

    /// <summary>
    /// The same JSON on one line. Data is spliced raw into messages that clients split on '\n'
    /// (coalesced frames) and into SSE <c>data:</c> lines, so a pretty-printed body would cut its
    /// own message in two. In valid JSON a line break can only be whitespace between tokens, so
    /// dropping the whitespace outside strings changes nothing else.
    /// </summary>
    public static ReadOnlyMemory<byte> SingleLine(ReadOnlyMemory<byte> json)
    {
        if (json.Span.IndexOfAny((byte)'\n', (byte)'\r') < 0)
        {
            return json;
        }

        var source = json.Span;
        var compact = new byte[source.Length];
        var length = 0;
        var inString = false;
        for (var i = 0; i < source.Length; i++)
        {
            var b = source[i];
            if (inString)
            {
                compact[length++] = b;
                if (b == '\\')
                {
                    compact[length++] = source[++i];
                }
                else if (b == '"')
                {
                    inString = false;
                }
            }
            else if (b is not ((byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r'))
            {
                compact[length++] = b;
                inString = b == '"';
            }
        }

        return compact.AsMemory(0, length);
    }

    /// <summary>Every <c>\uXXXX</c> surrogate in the raw (escaped) string is half of a pair, high then low.</summary>
    private static bool SurrogatesPair(ReadOnlySpan<byte> raw)
    {
        var awaitingLow = false;
        var i = 0;
        while (true)
        {
            if (!awaitingLow)
            {
                var next = raw[i..].IndexOf((byte)'\\');
                if (next < 0)
                {
                    return true;
                }

                i += next;
            }
            else if (i == raw.Length || raw[i] != (byte)'\\')
            {
                return false;
            }

            // The reader has checked every escape: a character after each backslash, four hex digits after "\u".
            if (raw[i + 1] != (byte)'u')
            {
                if (awaitingLow)
                {
                    return false;
                }

                i += 2;
                continue;
            }

            var unit = (char)ushort.Parse(raw.Slice(i + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
            i += 6;
            if (char.IsLowSurrogate(unit) != awaitingLow)
            {
                return false;
            }

            awaitingLow = char.IsHighSurrogate(unit);
        }
    }
}
