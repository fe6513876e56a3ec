namespace Herald.LoadGen.Publishing;

/// <summary>Which channel the n-th published message goes to, and how many deliveries it should cause.</summary>
internal interface IWorkload
{
    IReadOnlyList<string> Channels { get; }

    int ChannelOf(long sequence);

    int RecipientsOf(int channel);
}
