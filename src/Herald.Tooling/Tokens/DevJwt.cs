using System.Text;
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

    public static string Create(string secret, string subject, IEnumerable<string> attributes, TimeSpan lifetime, DateTimeOffset now, string? issuer = null, string? audience = null)
    {
        var key = Encoding.UTF8.GetBytes(secret);
        if (key.Length < MinSecretBytes)
        {
            throw new ToolingException($"the JWT secret is {key.Length} bytes; HS256 needs at least {MinSecretBytes}, and the server refuses a shorter one");
        }

        return Hs256Jwt.Create(new SymmetricSecurityKey(key), subject, attributes, lifetime, now, issuer, audience);
    }
}
