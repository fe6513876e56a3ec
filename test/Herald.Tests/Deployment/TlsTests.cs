using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Herald.Tests.Deployment;

/// <summary>wss:// with the Kestrel settings docs/operations.md §9 shows: a PEM certificate and key from configuration.</summary>
public sealed class TlsTests
{
    [Fact]
    public async Task A_client_gets_its_welcome_over_wss_with_a_PEM_certificate_from_configuration()
    {
        var directory = Directory.CreateTempSubdirectory("herald-tls");
        try
        {
            using var certificate = SelfSigned();
            var certPath = Path.Combine(directory.FullName, "herald.crt");
            var keyPath = Path.Combine(directory.FullName, "herald.key");
            await File.WriteAllTextAsync(certPath, certificate.ExportCertificatePem());
            using (var key = certificate.GetECDsaPrivateKey()!)
            {
                await File.WriteAllTextAsync(keyPath, key.ExportPkcs8PrivateKeyPem());
            }

            await using var server = await HeraldTestServer.StartAsync(new()
            {
                ["Kestrel:Endpoints:Https:Url"] = "https://127.0.0.1:0",
                ["Kestrel:Endpoints:Https:Certificate:Path"] = certPath,
                ["Kestrel:Endpoints:Https:Certificate:KeyPath"] = keyPath,
            });
            server.BaseAddress.Scheme.ShouldBe("https");

            using var socket = new ClientWebSocket();
            // Trust exactly this certificate, as a client pinned to it would.
            socket.Options.RemoteCertificateValidationCallback = (_, presented, _, _) =>
                presented is not null && presented.GetCertHashString(HashAlgorithmName.SHA256) == certificate.GetCertHashString(HashAlgorithmName.SHA256);
            var uri = new UriBuilder(server.BaseAddress) { Scheme = "wss", Path = "/ws", Query = "token=" + Uri.EscapeDataString(server.Token("alice")) }.Uri;
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await socket.ConnectAsync(uri, deadline.Token);

            var buffer = new byte[64 * 1024];
            var received = await socket.ReceiveAsync(buffer, deadline.Token);
            Encoding.UTF8.GetString(buffer, 0, received.Count).ShouldContain("\"type\":\"welcome\"");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    }
}
