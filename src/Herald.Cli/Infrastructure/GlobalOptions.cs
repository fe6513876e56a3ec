using System.CommandLine;

namespace Herald.Cli;

/// <summary>The options every command takes: where the server is and how to authenticate.</summary>
internal sealed class GlobalOptions
{
    public const string DefaultUrl = "http://127.0.0.1:8080";

    public Option<string?> Url { get; } = new("--url") { Description = $"The server, e.g. https://herald.example.com. Default: $HERALD_URL, else {DefaultUrl}.", Recursive = true };

    public Option<string?> Token { get; } = new("--token") { Description = "A JWT. Default: $HERALD_TOKEN.", Recursive = true };

    public Option<string?> ApiKey { get; } = new("--api-key") { Description = "An API key. Default: $HERALD_API_KEY (a token, from --token or $HERALD_TOKEN, wins over a key of the same origin).", Recursive = true };

    public void AddTo(Command root)
    {
        root.Options.Add(Url);
        root.Options.Add(Token);
        root.Options.Add(ApiKey);
    }

    public ServerEndpoint Resolve(ParseResult parse, CliContext context)
    {
        var url = NonEmpty(parse.GetValue(Url)) ?? NonEmpty(context.Environment("HERALD_URL")) ?? DefaultUrl;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https" or "ws" or "wss"))
        {
            throw new CliException(ExitCodes.Usage, $"--url must be an http(s) or ws(s) address, not '{url}'");
        }

        // An option beats the environment; between two of a kind, the token wins.
        var token = NonEmpty(parse.GetValue(Token));
        var apiKey = NonEmpty(parse.GetValue(ApiKey));
        if (token is null && apiKey is null)
        {
            token = NonEmpty(context.Environment("HERALD_TOKEN"));
            apiKey = NonEmpty(context.Environment("HERALD_API_KEY"));
        }

        return new ServerEndpoint(uri, token, apiKey);
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
