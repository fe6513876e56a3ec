using Herald.Configuration;
using Herald.Tooling.Tokens;
using Microsoft.Extensions.Options;

namespace Herald.AspNetCore.Authentication;

/// <summary>Mints HS256 tokens with the configured secret, of the same shape as the <c>token</c> command's: for development, the CLI and tests.</summary>
public sealed class DevTokenIssuer(IOptions<HeraldOptions> options, TimeProvider time)
{
    public string Issue(string subject, IEnumerable<string> attributes, TimeSpan lifetime)
    {
        var jwt = options.Value.Jwt;
        var key = SigningKeys.Symmetric(jwt)
            ?? throw new InvalidOperationException("Minting tokens needs Herald:Jwt:Secret (HS256).");
        return Hs256Jwt.Create(key, subject, attributes, lifetime, time.GetUtcNow(), jwt.Issuer, jwt.Audience);
    }
}
