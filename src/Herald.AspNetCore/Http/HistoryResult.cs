using System.Text.Json;
using Herald.History;
using Herald.Log;
using Herald.Protocol;
using Microsoft.AspNetCore.Http;

namespace Herald.AspNetCore.Http;

/// <summary>
/// Writes a <see cref="HistoryPage"/> as <see cref="HistoryResponse"/>. Each event goes out as the
/// bytes of its v1 <c>event</c> message, the ones live delivery and replays send, so the shapes
/// cannot drift apart and nothing is encoded twice.
/// </summary>
internal sealed class HistoryResult(string channel, HistoryPage page) : IResult
{
    private const int FlushBytes = 32 * 1024;

    private static readonly JsonEncodedText Events = JsonEncodedText.Encode("events");
    private static readonly JsonEncodedText Next = JsonEncodedText.Encode("next");
    private static readonly JsonEncodedText HasMore = JsonEncodedText.Encode("has_more");

    public async Task ExecuteAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = context.Response.BodyWriter;
        await using var writer = new Utf8JsonWriter(body);
        writer.WriteStartObject();
        writer.WriteString(ProtocolNames.Channel, channel);
        writer.WriteString(ProtocolNames.Epoch, page.Epoch);
        if (page.Recovered is { } recovered)
        {
            writer.WriteBoolean(ProtocolNames.Recovered, recovered);
        }

        writer.WriteStartArray(Events);
        foreach (var entry in page.Events)
        {
            writer.WriteRawValue(EventEncoding.V1(entry), skipInputValidation: true);

            // A page may hold a thousand large events: hand them to the socket as they come.
            if (writer.BytesPending > FlushBytes)
            {
                await writer.FlushAsync(context.RequestAborted);
                await body.FlushAsync(context.RequestAborted);
            }
        }

        writer.WriteEndArray();
        writer.WriteStartObject(Next);
        writer.WriteString(ProtocolNames.Epoch, page.Epoch);
        writer.WriteNumber(ProtocolNames.Offset, page.Next);
        writer.WriteEndObject();
        writer.WriteBoolean(HasMore, page.HasMore);
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted);
    }
}
