using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Herald.Tooling.Tokens;

/// <summary>
/// Mints the development HS256 JWT the server accepts: <c>sub</c>, an <c>attributes</c> array,
/// <c>iat</c>/<c>nbf</c>/<c>exp</c>, and <c>iss</c>/<c>aud</c> when the server checks them.
/// </summary>
public static class DevJwt
{
    /// <summary>HS256 keys shorter than this are refused by the server (and by IdentityModel).</summary>
    public const int MinSecretBytes = 32;

    private static readonly JsonWebTokenHandler Handler = new();

    public static string Create(string secret, string subject, IEnumerable<string> attributes, TimeSpan lifetime, DateTimeOffset now, string? issuer = null, string? audience = null)
    {
        var key = Encoding.UTF8.GetBytes(secret);
        if (key.Length < MinSecretBytes)
        {
            throw new ToolingException($"the JWT secret is {key.Length} bytes; HS256 needs at least {MinSecretBytes}, and the server refuses a shorter one");
        }

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
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key), SecurityAlgorithms.HmacSha256),
        });
    }
}
