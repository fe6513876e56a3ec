namespace Herald.Transport;

/// <summary>A channel's position as one connection holds it: the epoch and the last offset covered.</summary>
internal sealed record ChannelMark(string Channel, string Epoch, long Offset);
