namespace Herald.Hub;

/// <summary>Where a subscription sits in its channel's <see cref="ChannelSubscribers"/>, so removal needs no search.</summary>
internal readonly record struct SubscriberSlot(int Chunk, int Index)
{
    public static readonly SubscriberSlot None = new(int.MaxValue, int.MaxValue);
}
