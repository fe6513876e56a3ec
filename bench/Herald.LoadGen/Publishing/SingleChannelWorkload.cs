namespace Herald.LoadGen.Publishing;

/// <summary>A channel nobody subscribes to: measures the publish path alone.</summary>
internal sealed class SingleChannelWorkload(string channel) : IWorkload
{
    public IReadOnlyList<string> Channels { get; } = [channel];

    public int ChannelOf(long sequence) => 0;

    public int RecipientsOf(int channel) => 0;
}
