using System.Security.Cryptography;
using System.Text;
using Herald.Configuration;
using Microsoft.IdentityModel.Tokens;

namespace Herald.AspNetCore.Authentication;

/// <summary>Builds the JWT verification keys from <see cref="JwtOptions"/>.</summary>
internal static class SigningKeys
{
    public static SymmetricSecurityKey? Symmetric(JwtOptions options) =>
        string.IsNullOrEmpty(options.Secret) ? null : new SymmetricSecurityKey(Encoding.UTF8.GetBytes(options.Secret));

    public static List<SecurityKey> All(JwtOptions options)
    {
        var keys = new List<SecurityKey>();
        if (Symmetric(options) is { } secret)
        {
            keys.Add(secret);
        }

        var pem = options.PublicKey ?? (options.PublicKeyFile is { } path ? File.ReadAllText(path) : null);
        if (!string.IsNullOrWhiteSpace(pem))
        {
            keys.Add(FromPem(pem));
        }

        return keys;
    }

    private static SecurityKey FromPem(string pem)
    {
        // The PEM says which kind it is only through whether it imports: try RSA, then EC.
        try
        {
            var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            return new RsaSecurityKey(rsa);
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            var ec = ECDsa.Create();
            ec.ImportFromPem(pem);
            return new ECDsaSecurityKey(ec);
        }
    }
}
