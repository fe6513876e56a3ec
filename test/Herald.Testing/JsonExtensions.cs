using System.Text.Json;

namespace Herald.Testing;

public static class JsonExtensions
{
    public static string? Type(this JsonElement message) =>
        message.TryGetProperty("type", out var type) ? type.GetString() : null;

    public static string Str(this JsonElement message, string name) => message.GetProperty(name).GetString()!;

    public static long Long(this JsonElement message, string name) => message.GetProperty(name).GetInt64();

    public static bool Has(this JsonElement message, string name) => message.TryGetProperty(name, out _);
}
