using System.Buffers;
using System.Text.Json;
using Herald.Protocol;

namespace Herald.AspNetCore.Cluster.Wire;

/// <summary>
/// Reads the cluster status format's client frames: <c>{"type":"subscribe","data":{"latency":false,…}}</c>
/// changes the toggles it names (the others keep their value), <c>{"type":"ping"}</c> asks for a
/// <c>pong</c>, <c>{"type":"pong"}</c> answers the server's <c>ping</c>. Client frames are rare and
/// small, so a <see cref="JsonDocument"/> is fine here.
/// </summary>
internal static class ClusterClientReader
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 8 };

    public static ClusterClientMessage Read(ReadOnlySequence<byte> frame)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(frame, Options);
        }
        catch (JsonException ex)
        {
            return Invalid(ErrorCodes.BadRequest, "Malformed JSON: " + ex.Message);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
            {
                return Invalid(ErrorCodes.BadRequest, "A message is a JSON object with a string \"type\".");
            }

            return type.GetString() switch
            {
                "subscribe" => ReadSubscribe(root),
                ClusterKinds.Ping => new ClusterClientMessage(ClusterClientMessageKind.Ping),
                ClusterKinds.Pong => new ClusterClientMessage(ClusterClientMessageKind.Pong),
                var other => Invalid(ErrorCodes.UnknownType, $"Unknown message type '{Shorten(other!)}'; this endpoint reads \"subscribe\", \"ping\" and \"pong\"."),
            };
        }
    }

    private static ClusterClientMessage ReadSubscribe(JsonElement root)
    {
        if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
        {
            return Invalid(ErrorCodes.BadRequest, "\"subscribe\" needs \"data\": an object of subscription fields (status, latency, uptime, snapshot, custom_metrics, state_changes, peer_changes) set to true or false.");
        }

        var on = ClusterToggles.None;
        var off = ClusterToggles.None;
        foreach (var field in data.EnumerateObject())
        {
            var toggle = ToggleNamed(field.Name);
            if (toggle == ClusterToggles.None)
            {
                // Unknown fields are ignored, as everywhere in Herald.
                continue;
            }

            switch (field.Value.ValueKind)
            {
                case JsonValueKind.True:
                    on |= toggle;
                    off &= ~toggle;
                    break;
                case JsonValueKind.False:
                    off |= toggle;
                    on &= ~toggle;
                    break;
                default:
                    return Invalid(ErrorCodes.BadRequest, $"Subscription field '{Shorten(field.Name)}' must be true or false.");
            }
        }

        return new ClusterClientMessage(ClusterClientMessageKind.Subscribe, on, off);
    }

    /// <summary>
    /// snake_case as documented; Go's own field names (<c>CustomMetrics</c>) and camelCase are
    /// accepted too, since Go's decoder matches names without regard to case.
    /// </summary>
    private static ClusterToggles ToggleNamed(string name) => name.Replace("_", "", StringComparison.Ordinal).ToLowerInvariant() switch
    {
        "status" => ClusterToggles.Status,
        "latency" => ClusterToggles.Latency,
        "uptime" => ClusterToggles.Uptime,
        "snapshot" => ClusterToggles.Snapshot,
        "custommetrics" => ClusterToggles.CustomMetrics,
        "statechanges" => ClusterToggles.StateChanges,
        "peerchanges" => ClusterToggles.PeerChanges,
        _ => ClusterToggles.None,
    };

    private static ClusterClientMessage Invalid(string code, string message) =>
        new(ClusterClientMessageKind.Invalid, ErrorCode: code, ErrorMessage: message);

    private static string Shorten(string value) => value.Length <= 64 ? value : value[..64] + "…";
}
