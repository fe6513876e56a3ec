using Herald.Client;

namespace Herald.Cli;

/// <summary>The server's address and the caller's credential (a token wins over an API key).</summary>
internal sealed record ServerEndpoint(Uri Url, string? Token, string? ApiKey)
{
    /// <summary>The HTTP base with a trailing slash, so relative API paths append to it.</summary>
    public Uri HttpBase
    {
        get
        {
            var scheme = Url.Scheme switch { "ws" => "http", "wss" => "https", _ => Url.Scheme };
            var builder = new UriBuilder(Url) { Scheme = scheme, Port = Url.IsDefaultPort ? -1 : Url.Port, Query = "", Fragment = "" };
            if (!builder.Path.EndsWith('/'))
            {
                builder.Path += "/";
            }

            return builder.Uri;
        }
    }

    public Uri WebSocketUri(string mount)
    {
        var http = HttpBase;
        var builder = new UriBuilder(new Uri(http, mount.TrimStart('/'))) { Scheme = http.Scheme == "https" ? "wss" : "ws", Port = http.IsDefaultPort ? -1 : http.Port };
        return builder.Uri;
    }

    public HeraldCredential Credential() =>
        Token is not null ? HeraldCredential.Token(Token)
        : ApiKey is not null ? HeraldCredential.ApiKey(ApiKey)
        : throw NoCredentials();

    public static CliException NoCredentials() =>
        new(ExitCodes.Unauthorized, "no credentials: set HERALD_TOKEN or HERALD_API_KEY (or pass --token / --api-key)");
}
