using System.Text.Json;

namespace Herald.Testing;

/// <summary>One dispatched event-stream message, as an <c>EventSource</c> would see it, or a comment line.</summary>
public sealed record SseMessage(string? Id, string? Event, string Data, string? Comment)
{
    public bool IsComment => Comment is not null;

    /// <summary>The data parsed as JSON (every Herald message is one JSON object).</summary>
    public JsonElement Json => JsonDocument.Parse(Data).RootElement.Clone();
}
