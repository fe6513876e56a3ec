using Herald.Client;

namespace Herald.Cli.Tail;

/// <summary>Writes what a subscription yields to stdout, one line per event.</summary>
internal interface ITailPrinter
{
    void Print(ChannelUpdate update);
}
