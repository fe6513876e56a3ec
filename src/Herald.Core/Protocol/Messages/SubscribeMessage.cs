using Herald.Log;

namespace Herald.Protocol;

public sealed record SubscribeMessage(MessageId Id, string Channel, IReadOnlyList<string>? Events, StreamPosition? Since, bool Snapshot) : ClientMessage(Id);
