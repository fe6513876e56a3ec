using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Herald.Api.Tests.Support;

/// <summary>Tokens the server's own issuer cannot mint: foreign keys, other claim shapes, past expiry.</summary>
internal static class Jwt
{
    private static readonly JsonWebTokenHandler Handler = new();

    public static SigningCredentials TestSecret => Hs256(TestSettings.Secret);

    public static SigningCredentials Hs256(string secret) =>
        new(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)), SecurityAlgorithms.HmacSha256);

    public static SigningCredentials Rs256(RSA rsa) => new(new RsaSecurityKey(rsa), SecurityAlgorithms.RsaSha256);

    public static SigningCredentials Es256(ECDsa ec) => new(new ECDsaSecurityKey(ec), SecurityAlgorithms.EcdsaSha256);

    /// <summary>A token for <paramref name="subject"/> with the claims given, valid for an hour unless <paramref name="expires"/> says otherwise.</summary>
    public static string Sign(SigningCredentials credentials, string subject, Dictionary<string, object>? claims = null, DateTime? expires = null)
    {
        var exp = expires ?? DateTime.UtcNow.AddHours(1);
        var issued = exp < DateTime.UtcNow ? exp.AddMinutes(-10) : DateTime.UtcNow;
        var all = new Dictionary<string, object>(claims ?? []) { ["sub"] = subject };
        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            Claims = all,
            IssuedAt = issued,
            NotBefore = issued,
            Expires = exp,
            SigningCredentials = credentials,
        });
    }

    public static Dictionary<string, object> Attributes(params string[] attributes) => new() { ["attributes"] = attributes };

    /// <summary>Signed with the server's secret, but expired a minute ago.</summary>
    public static string Expired(string subject, params string[] attributes) =>
        Sign(TestSecret, subject, Attributes(attributes), DateTime.UtcNow.AddMinutes(-1));

    /// <summary>Well formed, but signed with a secret the server does not know.</summary>
    public static string ForeignSecret(string subject, params string[] attributes) =>
        Sign(Hs256("another-secret-0123456789-abcdefghijklmnopqrstuvwxyz"), subject, Attributes(attributes));
}
