using System.CommandLine;

namespace Herald.Cli.Token;

/// <summary><c>herald token</c>: a development JWT signed with the server's HS256 secret, printed alone on stdout.</summary>
internal static class TokenCommand
{
    public static Command Create(CliContext context)
    {
        var sub = new Option<string>("--sub") { Description = "The subject (user id).", Required = true };
        var attr = new Option<string[]>("--attr") { Description = "Attributes, comma-separated or repeated, e.g. admin,publish.", AllowMultipleArgumentsPerToken = true };
        var ttl = new Option<int>("--ttl") { Description = "Lifetime in seconds.", DefaultValueFactory = _ => 3600 };
        var secret = new Option<string?>("--secret") { Description = "The HS256 secret. Default: $HERALD_JWT_SECRET, else <data-dir>/jwt-secret." };
        var dataDir = new Option<string>("--data-dir") { Description = "The server's data directory, where it generated jwt-secret.", DefaultValueFactory = _ => "herald-data" };
        var issuer = new Option<string?>("--issuer") { Description = "The iss claim, when the server checks Herald:Jwt:Issuer." };
        var audience = new Option<string?>("--audience") { Description = "The aud claim, when the server checks Herald:Jwt:Audience." };
        var command = new Command("token", "Mint a development JWT (HS256) for a local or test server.") { sub, attr, ttl, secret, dataDir, issuer, audience };
        command.SetAction(CliApp.Guard(context, (parse, _) =>
        {
            var lifetime = parse.GetValue(ttl);
            if (lifetime <= 0)
            {
                throw new CliException(ExitCodes.Usage, "--ttl must be a positive number of seconds");
            }

            var key = JwtSecret.Find(parse.GetValue(secret), parse.GetValue(dataDir)!, context);
            if (System.Text.Encoding.UTF8.GetByteCount(key) < 32)
            {
                throw new CliException(ExitCodes.Usage, "the secret is shorter than 32 bytes; the server would refuse tokens signed with it");
            }

            var attributes = (parse.GetValue(attr) ?? []).SelectMany(a => a.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
            context.Out.WriteLine(Hs256Token.Create(key, parse.GetValue(sub)!, attributes, TimeSpan.FromSeconds(lifetime), context.Time.GetUtcNow(), parse.GetValue(issuer), parse.GetValue(audience)));
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }
}
