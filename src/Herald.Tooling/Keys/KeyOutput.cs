using System.Globalization;
using System.Text.Json;

namespace Herald.Tooling.Keys;

/// <summary>
/// What <c>keys</c> prints: tab-separated lines with a header for people and <c>cut</c>/<c>awk</c>,
/// or with <c>--json</c> the <c>/api/keys</c> shapes (docs/protocol.md), whatever the backend.
/// </summary>
internal static class KeyOutput
{
    public const string Header = "id\tstatus\towner\tname\tattributes\tcreated\tlast used";

    public static string Line(KeyRecord key) => string.Join('\t',
        key.Id,
        key.Active ? "active" : "revoked",
        key.Owner,
        key.Name,
        string.Join(',', key.Attributes),
        key.CreatedAt.ToString("u", CultureInfo.InvariantCulture),
        key.LastUsedAt?.ToString("u", CultureInfo.InvariantCulture) ?? "never");

    public static string Json(CreatedKey created) => Write(w => Write(w, created.Record, created.Key));

    public static string Json(IReadOnlyList<KeyRecord> keys) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("keys");
        foreach (var key in keys)
        {
            Write(w, key, null);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    private static string Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void Write(Utf8JsonWriter w, KeyRecord key, string? secret)
    {
        w.WriteStartObject();
        w.WriteString("id", key.Id);
        if (secret is not null)
        {
            w.WriteString("key", secret);
        }

        w.WriteString("name", key.Name);
        w.WriteString("owner", key.Owner);
        w.WriteStartArray("attributes");
        foreach (var attribute in key.Attributes)
        {
            w.WriteStringValue(attribute);
        }

        w.WriteEndArray();
        w.WriteBoolean("active", key.Active);
        w.WriteString("created_at", key.CreatedAt);
        WriteNullable(w, "last_used_at", key.LastUsedAt, (j, v) => j.WriteStringValue(v));
        WriteNullable(w, "max_connections", key.MaxConnections, (j, v) => j.WriteNumberValue(v));
        WriteNullable(w, "publishes_per_second", key.PublishesPerSecond, (j, v) => j.WriteNumberValue(v));
        w.WriteEndObject();
    }

    private static void WriteNullable<T>(Utf8JsonWriter w, string name, T? value, Action<Utf8JsonWriter, T> write)
        where T : struct
    {
        w.WritePropertyName(name);
        if (value is { } v)
        {
            write(w, v);
        }
        else
        {
            w.WriteNullValue();
        }
    }
}
