using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TaskService.Http;

/// <summary>One JSON shape for requests, responses and event data: snake_case, as PRODUCT.md 4.2 spells fields.</summary>
public static class TaskJson
{
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;

        // "12" is not a fee: a client sending numbers as strings has a bug worth hearing about.
        options.NumberHandling = JsonNumberHandling.Strict;

        // The default encoder escapes HTML-sensitive characters ('+' in "+00:00" becomes \u002B).
        // This JSON is served as application/json and inside WebSocket frames, never inlined in
        // HTML, so only what JSON itself requires is escaped.
        options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        return options;
    }
}
