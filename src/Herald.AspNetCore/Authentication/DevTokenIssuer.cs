using Herald.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Herald.AspNetCore.Authentication;

/// <summary>Mints HS256 tokens with the configured secret: for development, the CLI and tests.</summary>
public sealed class DevTokenIssuer(IOptions<HeraldOptions> options, TimeProvider time)
{
    private readonly JsonWebTokenHandler _handler = new();

    public string Issue(string subject, IEnumerable<string> attributes, TimeSpan lifetime)
    {
        var jwt = options.Value.Jwt;
        var key = SigningKeys.Symmetric(jwt)
            ?? throw new InvalidOperationException("Minting tokens needs Herald:Jwt:Secret (HS256).");
        var now = time.GetUtcNow().UtcDateTime;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object>
            {
                ["sub"] = subject,
                ["attributes"] = attributes.ToArray(),
            },
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            Issuer = jwt.Issuer,
            Audience = jwt.Audience,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
    }
}
