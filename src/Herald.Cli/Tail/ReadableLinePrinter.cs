using Herald.Client;
using Spectre.Console;

namespace Herald.Cli.Tail;

/// <summary>
/// Lines for people: <c>10:00:00.012  public:news  #1  story.published  story:1  {"title":"Hello"}</c>,
/// coloured on a terminal.
/// </summary>
internal sealed class ReadableLinePrinter(IAnsiConsole console) : ITailPrinter
{
    public void Print(ChannelUpdate update)
    {
        switch (update)
        {
            case HeraldEvent e:
                console.MarkupLine(Line(e.Timestamp, e.Channel, e.Offset, e.Event, e.Key, e.Tombstone ? "(deleted)" : e.Data.GetRawText()));
                break;
            case HeraldSnapshot s:
                console.MarkupLine($"[cyan]snapshot of {Markup.Escape(s.Channel)} at {Markup.Escape(s.Position.ToString())}: {s.Items.Count} key(s)[/]");
                foreach (var item in s.Items)
                {
                    console.MarkupLine(Line(item.Timestamp, s.Channel, item.Offset, item.Event, item.Key, item.Data.GetRawText()));
                }

                break;
            case HistoryGap g:
                var next = g.SnapshotFollows ? "a snapshot follows" : "re-read the state you need";
                console.MarkupLine($"[yellow]! history of {Markup.Escape(g.Channel)} after {Markup.Escape(g.Since.ToString())} could not be replayed; now at {Markup.Escape(g.Position.ToString())}; {next}[/]");
                break;
        }
    }

    private static string Line(DateTimeOffset at, string channel, long offset, string name, string? key, string data)
    {
        var time = at.ToLocalTime().ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture);
        var keyPart = key is null ? "" : $"  [yellow]{Markup.Escape(key)}[/]";
        return $"[grey]{time}[/]  [blue]{Markup.Escape(channel)}[/]  [grey]#{offset}[/]  [bold]{Markup.Escape(name)}[/]{keyPart}  {Markup.Escape(data)}";
    }
}
