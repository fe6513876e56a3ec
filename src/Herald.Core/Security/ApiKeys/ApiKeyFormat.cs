using System.Security.Cryptography;
using System.Text;

namespace Herald.Security.ApiKeys;

/// <summary>
/// <c>hk_&lt;id&gt;_&lt;secret&gt;</c>: the readable prefix says what it is (secret scanners
/// match it), the id finds the record without a search by secret, and 256 random bits are
/// the secret. Only SHA-256 of the whole key is stored: a leaked database opens nothing.
/// </summary>
internal static class ApiKeyFormat
{
    public const string Prefix = "hk_";

    public static (string Id, string Key) Generate()
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        return ("k_" + id, $"{Prefix}{id}_{secret}");
    }

    public static bool TryGetId(string key, out string id)
    {
        id = "";
        if (!key.StartsWith(Prefix, StringComparison.Ordinal) || key.Length > 128)
        {
            return false;
        }

        var separator = key.IndexOf('_', Prefix.Length);
        if (separator <= Prefix.Length)
        {
            return false;
        }

        id = "k_" + key[Prefix.Length..separator];
        return true;
    }

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>Constant time, so response timing never tells how much of a guess was right.</summary>
    public static bool Matches(string key, byte[] storedHash) => CryptographicOperations.FixedTimeEquals(Hash(key), storedHash);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '.');
}
