using System.Buffers;
using System.Text.Json;
using Herald.Sources;
using Microsoft.AspNetCore.Http;

namespace Herald.AspNetCore.Http;

/// <summary>
/// The 200 answer of <c>POST /api/publish</c>, <see cref="PublishResponse"/>'s JSON written straight
/// into the response with its length: the serializer's options lookup, its per-call state and a
/// chunked body were a measurable share of a publish's cost.
/// </summary>
internal sealed class PublishAck(PublishResult result) : IResult
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(256);
        buffer.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(buffer);
        writer.Reset(buffer);
        writer.WriteStartObject();
        writer.WriteString("channel"u8, result.Channel);
        writer.WriteString("epoch"u8, result.Epoch);
        writer.WriteNumber("offset"u8, result.Offset);
        writer.WriteEndObject();
        writer.Flush();

        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = buffer.WrittenCount;

        // Copied into the response's pipe at once, so the thread's buffer is free again; Kestrel
        // flushes it with the headers when the request ends: one write to the socket.
        response.BodyWriter.Write(buffer.WrittenSpan);
        return Task.CompletedTask;
    }
}
