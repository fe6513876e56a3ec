using Herald.Log;

namespace Herald.Protocol;

internal sealed record SubscribeMessage(MessageId Id, string Channel, IReadOnlyList<string>? Events, StreamPosition? Since, bool Snapshot) : ClientMessage(Id);
