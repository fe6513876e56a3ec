using System.Text.Json;

namespace Herald.Client;

/// <summary>One event of a channel, delivered at most once and in offset order.</summary>
/// <param name="Channel">The channel it was published to.</param>
/// <param name="Offset">Its position in the channel's stream. Offsets may jump (filtered events); a jump is not a loss.</param>
/// <param name="Event">The event name.</param>
/// <param name="Key">The entity it is about, if the publisher named one.</param>
/// <param name="Data">Any JSON value; <c>null</c> JSON when the publisher gave none.</param>
/// <param name="Tombstone">True when the event deletes <paramref name="Key"/>.</param>
/// <param name="Timestamp">When the server accepted it.</param>
public sealed record HeraldEvent(string Channel, long Offset, string Event, string? Key, JsonElement Data, bool Tombstone, DateTimeOffset Timestamp)
    : ChannelUpdate(Channel)
{
    public T? DataAs<T>(JsonSerializerOptions? options = null) => Data.Deserialize<T>(options ?? JsonSerializerOptions.Web);
}
