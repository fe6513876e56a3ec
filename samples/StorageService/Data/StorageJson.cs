using System.Text.Json;

namespace StorageService.Data;

/// <summary>snake_case, as the protocol and the original storage API: one shape for REST and events.</summary>
public static class StorageJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower;
        return options;
    }
}
