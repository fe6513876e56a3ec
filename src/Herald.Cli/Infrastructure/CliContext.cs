using Spectre.Console;

namespace Herald.Cli;

/// <summary>Where a command reads and writes, and what it may know of its surroundings; tests pass their own.</summary>
public sealed class CliContext
{
    public required TextWriter Out { get; init; }

    public required TextWriter Error { get; init; }

    public TextReader In { get; init; } = TextReader.Null;

    /// <summary>Environment variables (HERALD_URL, HERALD_TOKEN, HERALD_API_KEY, HERALD_JWT_SECRET).</summary>
    public Func<string, string?> Environment { get; init; } = _ => null;

    /// <summary>True when stdout is a terminal: colours, and a live-updating stats table.</summary>
    public bool Interactive { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public string CurrentDirectory { get; init; } = Directory.GetCurrentDirectory();

    /// <summary>For tests: the HTTP handler the API calls go through.</summary>
    public HttpMessageHandler? HttpHandler { get; init; }

    public static CliContext FromConsole() => new()
    {
        Out = Console.Out,
        Error = Console.Error,
        In = Console.In,
        Environment = System.Environment.GetEnvironmentVariable,
        Interactive = !Console.IsOutputRedirected,
    };

    /// <summary>A Spectre console on <see cref="Out"/>; without a terminal: no colours, no wrapping.</summary>
    public IAnsiConsole CreateConsole()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Out),
            Ansi = Interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = Interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = Interactive ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!Interactive)
        {
            console.Profile.Width = 4096;
        }

        return console;
    }

    /// <summary>One line on stderr, the CLI's only way of reporting a failure.</summary>
    public void Fail(string message) => Error.WriteLine("herald: " + message);

    /// <summary>A status line on stderr (connected, reconnecting…), so stdout stays data only.</summary>
    public void Status(string message) => Error.WriteLine("herald: " + message);
}
