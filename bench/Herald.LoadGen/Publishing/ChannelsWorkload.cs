namespace Herald.LoadGen.Publishing;

/// <summary>
/// Each client has its own channel and all share a group channel. The sequence is one group message, then one
/// message to each client's own channel, repeated: half the deliveries fan out, half go one to one.
/// </summary>
internal sealed class ChannelsWorkload : IWorkload
{
    private readonly Func<int> _subscribers;

    public ChannelsWorkload(string group, IReadOnlyList<string> own, Func<int> subscribers)
    {
        _subscribers = subscribers;
        Channels = [group, .. own];
    }

    public IReadOnlyList<string> Channels { get; }

    public int ChannelOf(long sequence) => (int)(sequence % Channels.Count);

    public int RecipientsOf(int channel) => channel == 0 ? _subscribers() : 1;
}
