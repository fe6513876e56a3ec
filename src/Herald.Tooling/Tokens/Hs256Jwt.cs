using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Herald.Tooling.Tokens;

/// <summary>
/// The development token's shape: <c>sub</c>, an <c>attributes</c> array, <c>iat</c>/<c>nbf</c>/<c>exp</c>,
/// <c>iss</c>/<c>aud</c> when set. Also compiled into Herald.AspNetCore (a linked file) for its
/// DevTokenIssuer, which cannot reference this command-line project; internal there and here.
/// </summary>
internal static class Hs256Jwt
{
    private static readonly JsonWebTokenHandler Handler = new();

    public static string Create(SymmetricSecurityKey key, string subject, IEnumerable<string> attributes, TimeSpan lifetime, DateTimeOffset now, string? issuer, string? audience)
    {
        var at = now.UtcDateTime;
        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object>
            {
                ["sub"] = subject,
                ["attributes"] = attributes.ToArray(),
            },
            IssuedAt = at,
            NotBefore = at,
            Expires = at + lifetime,
            Issuer = issuer,
            Audience = audience,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
    }
}
