using System.Text.Json;

namespace Herald.Client;

/// <summary>The latest event of one key in a <see cref="HeraldSnapshot"/>.</summary>
public sealed record SnapshotItem(string Key, long Offset, string Event, JsonElement Data, DateTimeOffset Timestamp)
{
    public T? DataAs<T>(JsonSerializerOptions? options = null) => Data.Deserialize<T>(options ?? JsonSerializerOptions.Web);
}
