using System.Buffers;
using System.Text.Json;
using Herald.Tooling.Keys;

namespace Herald.Cli.Keys;

/// <summary>The shared <c>keys</c> command over a server's <c>/api/keys</c>; a refusal is a <see cref="CliException"/> with the status's exit code.</summary>
internal sealed class HttpKeyManager(HeraldApi api) : IKeyManager
{
    public async ValueTask<CreatedKey> CreateAsync(KeyRequest request, CancellationToken cancellationToken)
    {
        var body = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(body))
        {
            w.WriteStartObject();
            w.WriteString("owner", request.Owner);
            w.WriteString("name", request.Name);
            w.WriteStartArray("attributes");
            foreach (var attribute in request.Attributes)
            {
                w.WriteStringValue(attribute);
            }

            w.WriteEndArray();
            if (request.MaxConnections is { } m)
            {
                w.WriteNumber("max_connections", m);
            }

            if (request.PublishesPerSecond is { } r)
            {
                w.WriteNumber("publishes_per_second", r);
            }

            w.WriteEndObject();
        }

        using var answer = await SendAsync(HttpMethod.Post, "api/keys", body.WrittenSpan.ToArray(), cancellationToken);
        return new CreatedKey(Text(answer.RootElement, "key"), Record(answer.RootElement));
    }

    public async ValueTask<IReadOnlyList<KeyRecord>> ListAsync(CancellationToken cancellationToken)
    {
        using var answer = await SendAsync(HttpMethod.Get, "api/keys", null, cancellationToken);
        return [.. answer.RootElement.GetProperty("keys").EnumerateArray().Select(Record)];
    }

    /// <summary>An unknown id is the server's 404, exit code 6, rather than false.</summary>
    public async ValueTask<bool> RevokeAsync(string id, CancellationToken cancellationToken)
    {
        using var answer = await api.SendAsync(HttpMethod.Delete, "api/keys/" + Uri.EscapeDataString(id), null, cancellationToken);
        return true;
    }

    public ValueTask DisposeAsync()
    {
        api.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<JsonDocument> SendAsync(HttpMethod method, string path, byte[]? json, CancellationToken cancellationToken) =>
        await api.SendAsync(method, path, json, cancellationToken)
            ?? throw new CliException(ExitCodes.Failure, "the server answered with an empty body");

    private static KeyRecord Record(JsonElement key) => new(
        Text(key, "id"),
        Text(key, "name"),
        Text(key, "owner"),
        key.TryGetProperty("attributes", out var list) && list.ValueKind == JsonValueKind.Array ? [.. list.EnumerateArray().Select(a => a.GetString() ?? "")] : [],
        key.TryGetProperty("active", out var active) && active.ValueKind == JsonValueKind.True,
        key.TryGetProperty("created_at", out var created) && created.TryGetDateTimeOffset(out var at) ? at : default,
        key.TryGetProperty("last_used_at", out var used) && used.ValueKind == JsonValueKind.String && used.TryGetDateTimeOffset(out var last) ? last : null,
        Number(key, "max_connections"),
        Number(key, "publishes_per_second"));

    private static int? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : null;

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
}
