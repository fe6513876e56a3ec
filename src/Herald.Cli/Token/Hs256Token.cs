using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Herald.Cli.Token;

/// <summary>
/// Mints the same HS256 JWT as the server's development issuer (<c>sub</c>, an <c>attributes</c>
/// array, <c>iat</c>/<c>nbf</c>/<c>exp</c>, optional <c>iss</c>/<c>aud</c>), without the server's dependencies.
/// </summary>
internal static class Hs256Token
{
    public static string Create(string secret, string subject, IReadOnlyList<string> attributes, TimeSpan lifetime, DateTimeOffset now, string? issuer = null, string? audience = null)
    {
        var header = Base64Url.EncodeToString("""{"alg":"HS256","typ":"JWT"}"""u8);
        var payload = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(payload))
        {
            w.WriteStartObject();
            w.WriteString("sub", subject);
            w.WriteStartArray("attributes");
            foreach (var attribute in attributes)
            {
                w.WriteStringValue(attribute);
            }

            w.WriteEndArray();
            var issuedAt = now.ToUnixTimeSeconds();
            w.WriteNumber("iat", issuedAt);
            w.WriteNumber("nbf", issuedAt);
            w.WriteNumber("exp", (now + lifetime).ToUnixTimeSeconds());
            if (issuer is not null)
            {
                w.WriteString("iss", issuer);
            }

            if (audience is not null)
            {
                w.WriteString("aud", audience);
            }

            w.WriteEndObject();
        }

        var signingInput = header + "." + Base64Url.EncodeToString(payload.WrittenSpan);
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }
}
