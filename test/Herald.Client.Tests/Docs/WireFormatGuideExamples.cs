using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Herald.Log;
using Herald.Protocol;
using Herald.WireFormats;
using Microsoft.AspNetCore.Builder;

// Outside Herald.Client.*: that namespace has an internal WireConnection of its own, as an application would not.
namespace WireFormatExamples;

/// <summary>
/// The examples of docs/wire-formats.md, compiled here and run by <c>WireFormatGuideTests</c>.
/// Each region between begin-snippet and end-snippet appears verbatim in the page (a test checks it).
/// </summary>
public static class WireFormatGuideExamples
{
    public static void Map(WebApplication app)
    {
        // begin-snippet: custom-format-mount
        app.MapHerald("/feed", mount => mount.UseWireFormat(JoinLeaveFormat.Instance));
        // end-snippet
    }

    // begin-snippet: custom-format
    /// <summary>
    /// Clients send <c>{"join":"public:orders"}</c> and <c>{"leave":"public:orders"}</c>; they get
    /// <c>{"channel":"public:orders","event":"order.placed","data":{…}}</c>, one per frame, and
    /// <c>{"error":"ACCESS_DENIED","message":"…"}</c>. Nothing else: no welcome, acks or pings.
    /// </summary>
    public sealed class JoinLeaveFormat() : WireFormat("join-leave")
    {
        public static readonly JoinLeaveFormat Instance = new();

        // Once per event: every recipient on this format shares the bytes.
        public override byte[]? EncodeEvent(LogEntry entry) => Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("channel", entry.Channel);
            w.WriteString("event", entry.Event);
            w.WritePropertyName("data");
            w.WriteRawValue(entry.Data.Span, skipInputValidation: true);
            w.WriteEndObject();
        });

        public override WireConnection CreateConnection(WireConnectContext context) => new JoinLeaveConnection(this);

        // A failed authentication or a bad connect parameter, before the connection closes.
        public override byte[]? Rejection(string code, string message) => Error(code, message);

        internal static byte[] Error(string code, string message) => Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("error", code);
            w.WriteString("message", message);
            w.WriteEndObject();
        });

        private static byte[] Json(Action<Utf8JsonWriter> write)
        {
            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                write(writer);
            }

            return buffer.WrittenSpan.ToArray();
        }
    }

    public sealed class JoinLeaveConnection(WireFormat format) : WireConnection(format)
    {
        public override bool TryRead(ReadOnlySequence<byte> frame, [NotNullWhen(true)] out ClientMessage? message, out ProtocolError? rejected)
        {
            message = null;
            rejected = null;
            try
            {
                var reader = new Utf8JsonReader(frame);
                var command = JsonElement.ParseValue(ref reader);
                if (command.TryGetProperty("join", out var join) && join.ValueKind == JsonValueKind.String)
                {
                    message = new SubscribeMessage(default, join.GetString()!, Events: null, Since: null, Snapshot: false);
                }
                else if (command.TryGetProperty("leave", out var leave) && leave.ValueKind == JsonValueKind.String)
                {
                    message = new UnsubscribeMessage(default, leave.GetString()!);
                }
            }
            catch (JsonException)
            {
                // Not JSON: answered below, like any message that is neither join nor leave.
            }

            rejected = message is null ? new ProtocolError(ErrorCodes.BadRequest, """Send {"join":"<channel>"} or {"leave":"<channel>"}.""", default) : null;
            return message is not null;
        }

        // Herald's code (ACCESS_DENIED, INVALID_CHANNEL, RATE_LIMIT_EXCEEDED, …): map it here if your clients use others.
        public override byte[]? ErrorReply(MessageId id, string code, string message) => JoinLeaveFormat.Error(code, message);
    }
    // end-snippet
}
