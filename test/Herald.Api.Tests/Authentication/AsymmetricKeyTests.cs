using System.Net;
using System.Security.Cryptography;
using Herald.Api.Tests.Support;
using Microsoft.IdentityModel.Tokens;

namespace Herald.Api.Tests.Authentication;

/// <summary>RS256 and ES256 tokens verify against Herald:Jwt:PublicKey; other keys do not.</summary>
public sealed class AsymmetricKeyTests
{
    public static TheoryData<string> Algorithms => new() { "RS256", "ES256" };

    [Theory]
    [MemberData(nameof(Algorithms))]
    public async Task A_token_signed_with_the_configured_key_pair_is_accepted_over_http_and_websocket(string algorithm)
    {
        using var keys = KeyPair.Create(algorithm);
        await using var server = await HeraldTestServer.StartAsync(new() { ["Herald:Jwt:PublicKey"] = keys.PublicPem });
        var token = Jwt.Sign(keys.Credentials, "carol", Jwt.Attributes("admin", "publish"));

        await (await server.GetAsync("/api/stats", token)).ShouldBeOkJsonAsync();
        await (await server.PostAsync("/api/publish", token, new { channel = "public:a", @event = "e" })).ShouldBeOkJsonAsync();
        await using var client = await server.ConnectAsync(token);
        var welcome = await client.NextOfTypeAsync("welcome");
        welcome.Str("user").ShouldBe("carol");
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public async Task A_token_signed_with_another_key_pair_is_invalid_credentials(string algorithm)
    {
        using var keys = KeyPair.Create(algorithm);
        using var other = KeyPair.Create(algorithm);
        await using var server = await HeraldTestServer.StartAsync(new() { ["Herald:Jwt:PublicKey"] = keys.PublicPem });
        var token = Jwt.Sign(other.Credentials, "mallory", Jwt.Attributes("admin", "publish"));

        await (await server.GetAsync("/api/stats", token)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
        await using var client = await server.ConnectAsync(token);
        var error = await client.NextAsync();
        error.Type().ShouldBe("error", error.GetRawText());
        error.Str("code").ShouldBe("INVALID_CREDENTIALS");
        (await client.WaitClosedAsync()).Code.ShouldBe(4001);
    }

    [Fact]
    public async Task An_expired_rs256_token_is_token_expired()
    {
        using var keys = KeyPair.Create("RS256");
        await using var server = await HeraldTestServer.StartAsync(new() { ["Herald:Jwt:PublicKey"] = keys.PublicPem });
        var token = Jwt.Sign(keys.Credentials, "carol", Jwt.Attributes("admin"), DateTime.UtcNow.AddMinutes(-1));

        await (await server.GetAsync("/api/stats", token)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "TOKEN_EXPIRED");
    }

    [Fact]
    public async Task The_hs256_secret_keeps_working_next_to_a_public_key()
    {
        using var keys = KeyPair.Create("ES256");
        await using var server = await HeraldTestServer.StartAsync(new() { ["Herald:Jwt:PublicKey"] = keys.PublicPem });

        await (await server.GetAsync("/api/stats", server.Token("root", "admin"))).ShouldBeOkJsonAsync();
    }

    private sealed class KeyPair : IDisposable
    {
        private readonly AsymmetricAlgorithm _key;

        private KeyPair(AsymmetricAlgorithm key, SigningCredentials credentials)
        {
            _key = key;
            Credentials = credentials;
            PublicPem = key.ExportSubjectPublicKeyInfoPem();
        }

        public SigningCredentials Credentials { get; }

        public string PublicPem { get; }

        public static KeyPair Create(string algorithm)
        {
            if (algorithm == "RS256")
            {
                var rsa = RSA.Create(2048);
                return new KeyPair(rsa, Jwt.Rs256(rsa));
            }

            var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            return new KeyPair(ec, Jwt.Es256(ec));
        }

        public void Dispose() => _key.Dispose();
    }
}
