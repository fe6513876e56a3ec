namespace Herald.LoadGen.Publishing;

/// <summary>Every message to one channel that all subscribers share.</summary>
internal sealed class FanoutWorkload(string channel, Func<int> subscribers) : IWorkload
{
    public IReadOnlyList<string> Channels { get; } = [channel];

    public int ChannelOf(long sequence) => 0;

    public int RecipientsOf(int channel) => subscribers();
}
