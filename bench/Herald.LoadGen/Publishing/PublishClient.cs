using System.Buffers;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Herald.LoadGen.Publishing;

/// <summary>
/// Publishes over HTTP with the same body for every server: {"channel","event","data":{"t":stamp,"pad":"x…"}},
/// where the data object is padded to the same number of bytes everywhere. Not thread-safe: one per lane.
/// </summary>
internal sealed class PublishClient(HttpClient http, PublishEndpoint endpoint, int payloadBytes)
{
    // {"t":<up to 19 digits>,"pad":""} around the padding.
    private const int DataOverhead = 34;
    private readonly ArrayBufferWriter<byte> _body = new(4096);
    private readonly string _pad = new('x', Math.Max(0, payloadBytes - DataOverhead));
    private readonly Uri _single = new(endpoint.BaseUri, endpoint.SinglePath);
    private readonly Uri _batch = new(endpoint.BaseUri, endpoint.BatchPath);

    /// <summary>Publishes the messages (one request; the batch route when more than one) and returns their offsets.</summary>
    public async Task<long[]> PublishAsync(IReadOnlyList<string> channels, long timestamp, CancellationToken ct)
    {
        _body.ResetWrittenCount();
        using (var w = new Utf8JsonWriter(_body))
        {
            if (channels.Count == 1)
            {
                WriteMessage(w, channels[0], timestamp);
            }
            else
            {
                w.WriteStartObject();
                w.WriteStartArray("messages");
                foreach (var channel in channels)
                {
                    WriteMessage(w, channel, timestamp);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, channels.Count == 1 ? _single : _batch)
        {
            Content = new ReadOnlyMemoryContent(_body.WrittenMemory),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (endpoint.BearerToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", endpoint.BearerToken);
        }

        using var response = await http.SendAsync(request, ct);
        var bytes = await response.Content.ReadAsByteArrayAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new PublishException($"HTTP {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(bytes.AsSpan(0, Math.Min(bytes.Length, 300)))}");
        }

        return ReadOffsets(bytes, channels.Count);
    }

    private void WriteMessage(Utf8JsonWriter w, string channel, long timestamp)
    {
        w.WriteStartObject();
        w.WriteString("channel", channel);
        w.WriteString("event", "tick");
        w.WriteStartObject("data");
        w.WriteNumber("t", timestamp);
        w.WriteString("pad", _pad);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static long[] ReadOffsets(byte[] body, int count)
    {
        using var doc = JsonDocument.Parse(body);
        var root = doc.RootElement;
        if (count == 1)
        {
            return [root.GetProperty("offset").GetInt64()];
        }

        var results = root.GetProperty("results");
        var offsets = new long[results.GetArrayLength()];
        var i = 0;
        foreach (var r in results.EnumerateArray())
        {
            offsets[i++] = r.TryGetProperty("offset", out var o) ? o.GetInt64() : -1;
        }

        return offsets;
    }
}
