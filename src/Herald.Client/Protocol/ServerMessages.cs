using System.Text.Json;

namespace Herald.Client;

/// <summary>Reads the fields of server messages (PROTOCOL.md §4); unknown fields are ignored.</summary>
internal static class ServerMessages
{
    private static readonly JsonElement Null = JsonDocument.Parse("null").RootElement.Clone();

    public static string? Type(JsonElement m) => String(m, "type");

    public static string? String(JsonElement m, string name) =>
        m.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static long Long(JsonElement m, string name) =>
        m.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : 0;

    public static bool? Bool(JsonElement m, string name) =>
        m.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;

    /// <summary>The echoed <c>id</c>; this client only sends numbers.</summary>
    public static long? Id(JsonElement m) =>
        m.TryGetProperty("id", out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var id) ? id : null;

    public static HeraldWelcome Welcome(JsonElement m) =>
        new(String(m, "session") ?? "", String(m, "node") ?? "", String(m, "user") ?? "", (int)Long(m, "ping_interval"));

    public static HeraldEvent Event(JsonElement m) => new(
        String(m, "channel") ?? "",
        Long(m, "offset"),
        String(m, "event") ?? "",
        String(m, "key"),
        Data(m),
        Bool(m, "tombstone") ?? false,
        Timestamp(m));

    public static HeraldSnapshot Snapshot(JsonElement m)
    {
        var items = new List<SnapshotItem>();
        if (m.TryGetProperty("items", out var array) && array.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in array.EnumerateArray())
            {
                items.Add(new SnapshotItem(String(item, "key") ?? "", Long(item, "offset"), String(item, "event") ?? "", Data(item), Timestamp(item)));
            }
        }

        return new HeraldSnapshot(String(m, "channel") ?? "", new StreamPosition(String(m, "epoch") ?? "", Long(m, "offset")), items);
    }

    private static JsonElement Data(JsonElement m) =>
        m.TryGetProperty("data", out var data) ? data.Clone() : Null;

    private static DateTimeOffset Timestamp(JsonElement m) =>
        m.TryGetProperty("ts", out var ts) && ts.ValueKind == JsonValueKind.String && ts.TryGetDateTimeOffset(out var at) ? at : default;
}
