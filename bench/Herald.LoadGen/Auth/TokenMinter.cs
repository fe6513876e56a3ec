using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Herald.LoadGen.Auth;

/// <summary>Mints the HS256 JWTs Herald accepts (claims sub, exp, attributes) with the secret the harness gives the server.</summary>
internal sealed class TokenMinter
{
    private readonly JsonWebTokenHandler _handler = new();
    private readonly SigningCredentials _credentials;

    public TokenMinter(string secret)
    {
        Secret = secret;
        _credentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)), SecurityAlgorithms.HmacSha256);
    }

    public string Secret { get; }

    /// <summary>A fresh random secret for one run (48 characters; Herald needs at least 32).</summary>
    public static TokenMinter CreateRandom() => new(Convert.ToHexString(RandomNumberGenerator.GetBytes(24)));

    public string Mint(string subject, params string[] attributes) => _handler.CreateToken(new SecurityTokenDescriptor
    {
        Claims = new Dictionary<string, object>
        {
            ["sub"] = subject,
            ["attributes"] = attributes,
        },
        Expires = DateTime.UtcNow.AddHours(6),
        SigningCredentials = _credentials,
    });
}
