using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Herald.Log;

namespace Herald.Protocol;

/// <summary>
/// Parses one client frame. Unknown fields are skipped; every failure becomes a
/// <see cref="ProtocolError"/> carrying the frame's id, never an exception to the caller.
/// </summary>
internal static class ClientMessageParser
{
    private const int MaxDepth = 8;
    private const int MaxEvents = 64;

    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = MaxDepth };

    public static bool TryParse(ref ReadOnlySequence<byte> input, [NotNullWhen(true)] out ClientMessage? message, out ProtocolError error)
    {
        // A frame is exactly one message: consume all of it whatever the outcome.
        var frame = input;
        input = input.Slice(input.End);
        return TryParse(frame, out message, out error);
    }

    private static bool TryParse(ReadOnlySequence<byte> frame, out ClientMessage? message, out ProtocolError error)
    {
        message = null;
        var fields = new Fields();
        try
        {
            var reader = new Utf8JsonReader(frame, ReaderOptions);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                error = new(ErrorCodes.BadRequest, "A message must be a JSON object.", default);
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (!ReadField(ref reader, ref fields, out var fieldError))
                {
                    error = new(ErrorCodes.BadRequest, fieldError, fields.Id);
                    return false;
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                error = new(ErrorCodes.BadRequest, "Trailing content after the message object.", fields.Id);
                return false;
            }
        }
        catch (JsonException ex)
        {
            error = new(ErrorCodes.BadRequest, "Malformed JSON: " + ex.Message, fields.Id);
            return false;
        }
        catch (InvalidOperationException)
        {
            // Utf8JsonReader.GetString throws this, not JsonException, for invalid UTF-8 in a string.
            error = new(ErrorCodes.BadRequest, "Malformed JSON: a string is not valid UTF-8.", fields.Id);
            return false;
        }

        return Build(ref fields, out message, out error);
    }

    private static bool ReadField(ref Utf8JsonReader reader, ref Fields f, out string error)
    {
        error = "";
        if (reader.ValueTextEquals("type"u8))
        {
            return ReadString(ref reader, "type", out f.Type, out error);
        }

        if (reader.ValueTextEquals("id"u8))
        {
            reader.Read();
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    f.Id = new MessageId(reader.GetString(), null);
                    return true;
                case JsonTokenType.Number:
                    f.Id = new MessageId(null, reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan.ToArray());
                    return true;
                case JsonTokenType.Null:
                    return true;
                default:
                    error = "Field 'id' must be a string or a number.";
                    return false;
            }
        }

        if (reader.ValueTextEquals("channel"u8))
        {
            return ReadString(ref reader, "channel", out f.Channel, out error);
        }

        if (reader.ValueTextEquals("token"u8))
        {
            return ReadString(ref reader, "token", out f.Token, out error);
        }

        if (reader.ValueTextEquals("snapshot"u8))
        {
            reader.Read();
            if (reader.TokenType is not (JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null))
            {
                error = "Field 'snapshot' must be a boolean.";
                return false;
            }

            f.Snapshot = reader.TokenType == JsonTokenType.True;
            return true;
        }

        if (reader.ValueTextEquals("events"u8))
        {
            return ReadEvents(ref reader, ref f, out error);
        }

        if (reader.ValueTextEquals("since"u8))
        {
            return ReadSince(ref reader, ref f, out error);
        }

        reader.Read();
        reader.Skip();
        return true;
    }

    private static bool ReadString(ref Utf8JsonReader reader, string name, out string? value, out string error)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.String)
        {
            value = null;
            error = $"Field '{name}' must be a string.";
            return false;
        }

        value = reader.GetString();
        error = "";
        return true;
    }

    private static bool ReadEvents(ref Utf8JsonReader reader, ref Fields f, out string error)
    {
        error = "Field 'events' must be an array of strings.";
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        var events = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String || events.Count == MaxEvents)
            {
                error = events.Count == MaxEvents ? $"At most {MaxEvents} event patterns." : error;
                return false;
            }

            var pattern = reader.GetString()!;
            if (pattern.Length is 0 or > Channels.ChannelName.MaxLength)
            {
                error = "An event pattern must be 1 to 128 characters.";
                return false;
            }

            events.Add(pattern);
        }

        f.Events = events;
        return true;
    }

    private static bool ReadSince(ref Utf8JsonReader reader, ref Fields f, out string error)
    {
        error = "Field 'since' must be {\"epoch\": string, \"offset\": integer >= 0}.";
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        string? epoch = null;
        long? offset = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("epoch"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String)
                {
                    return false;
                }

                epoch = reader.GetString();
            }
            else if (reader.ValueTextEquals("offset"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var value) || value < 0)
                {
                    return false;
                }

                offset = value;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (epoch is null || offset is null)
        {
            return false;
        }

        f.Since = new StreamPosition(epoch, offset.Value);
        return true;
    }

    private static bool Build(ref Fields f, out ClientMessage? message, out ProtocolError error)
    {
        message = null;
        error = default;
        if (f.Type is null)
        {
            error = new(ErrorCodes.BadRequest, "Field 'type' is required.", f.Id);
            return false;
        }

        if (f.Type is "subscribe" or "unsubscribe" && f.Channel is null)
        {
            error = new(ErrorCodes.BadRequest, "Field 'channel' is required.", f.Id);
            return false;
        }

        if (f.Type == "refresh" && string.IsNullOrEmpty(f.Token))
        {
            error = new(ErrorCodes.BadRequest, "Field 'token' is required.", f.Id);
            return false;
        }

        message = f.Type switch
        {
            "subscribe" => new SubscribeMessage(f.Id, f.Channel!, f.Events, f.Since, f.Snapshot),
            "unsubscribe" => new UnsubscribeMessage(f.Id, f.Channel!),
            "ping" => new PingMessage(f.Id),
            "pong" => new PongMessage(f.Id),
            "refresh" => new RefreshMessage(f.Id, f.Token!),
            _ => null,
        };
        if (message is null)
        {
            error = new(ErrorCodes.UnknownType, $"Unknown message type '{Truncate(f.Type)}'.", f.Id);
            return false;
        }

        return true;
    }

    private static string Truncate(string s) => s.Length <= 32 ? s : s[..32] + "…";

    private struct Fields
    {
        public string? Type;
        public MessageId Id;
        public string? Channel;
        public string? Token;
        public bool Snapshot;
        public List<string>? Events;
        public StreamPosition? Since;
    }
}
