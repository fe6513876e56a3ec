using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Herald.Configuration;
using Herald.Protocol;
using Herald.Security.ApiKeys;
using Microsoft.Extensions.Options;

namespace Herald.Security.Tickets;

/// <summary>
/// Tickets: a short-lived, single-use credential a browser can put in a URL or cookie. The
/// ticket is the principal that bought it, signed with HMAC-SHA256, so any node can verify it
/// without a lookup; single use goes through <see cref="ITicketStore"/>, shared by the cluster.
/// </summary>
public sealed class TicketService
{
    private readonly ITicketStore _store;
    private readonly IApiKeyStore _keys;
    private readonly TimeProvider _time;
    private readonly byte[] _key;
    private readonly TimeSpan _lifetime;

    public TicketService(ITicketStore store, IApiKeyStore keys, TimeProvider time, IOptions<HeraldOptions> options)
    {
        _store = store;
        _keys = keys;
        _time = time;
        var o = options.Value;
        _lifetime = TimeSpan.FromSeconds(o.TicketLifetime);
        _key = o.TicketSecret is { Length: > 0 } secret ? Encoding.UTF8.GetBytes(secret)
            : o.Jwt.Secret is { Length: > 0 } jwt ? HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(jwt), 32, info: "herald-ticket"u8.ToArray())
            : RandomNumberGenerator.GetBytes(32);
    }

    public int LifetimeSeconds => (int)_lifetime.TotalSeconds;

    public string Issue(HeraldPrincipal principal) => Issue(principal, _lifetime);

    /// <summary>A ticket valid for <paramref name="lifetime"/>, or until the principal expires if sooner.</summary>
    public string Issue(HeraldPrincipal principal, TimeSpan lifetime)
    {
        var expires = _time.GetUtcNow() + lifetime;
        if (principal.ExpiresAt is { } end && end < expires)
        {
            expires = end;
        }

        var payload = JsonSerializer.SerializeToUtf8Bytes(new TicketPayload(
            Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)),
            principal.Subject,
            [.. principal.Permissions.Attributes],
            expires.ToUnixTimeMilliseconds(),
            principal.ExpiresAt?.ToUnixTimeMilliseconds(),
            principal.CredentialId));
        return Base64Url(payload) + "." + Base64Url(HMACSHA256.HashData(_key, payload));
    }

    public async ValueTask<AuthenticationOutcome> RedeemAsync(string ticket, CancellationToken cancellationToken)
    {
        if (Verify(ticket) is not { } payload)
        {
            return AuthenticationOutcome.Fail(ErrorCodes.InvalidCredentials, "The ticket is not valid.");
        }

        var expires = DateTimeOffset.FromUnixTimeMilliseconds(payload.Expires);
        if (expires <= _time.GetUtcNow())
        {
            return AuthenticationOutcome.Fail(ErrorCodes.InvalidCredentials, "The ticket has expired.");
        }

        if (!await _store.TryConsumeAsync(payload.Id, expires, cancellationToken))
        {
            return AuthenticationOutcome.Fail(ErrorCodes.InvalidCredentials, "The ticket was already used.");
        }

        DateTimeOffset? principalExpiry = payload.PrincipalExpires is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
        if (payload.CredentialId is not { } keyId)
        {
            return AuthenticationOutcome.Success(new HeraldPrincipal(payload.Subject, PermissionSet.For(payload.Attributes), CredentialKind.Ticket, principalExpiry));
        }

        // A ticket is only as good as the key that bought it: a key revoked in the seconds
        // between purchase and redemption must not open a connection, even briefly.
        if (await _keys.GetAsync(keyId, cancellationToken) is not { Active: true } key)
        {
            return AuthenticationOutcome.Fail(ErrorCodes.InvalidCredentials, "The API key that bought this ticket has been revoked.");
        }

        return AuthenticationOutcome.Success(new HeraldPrincipal(payload.Subject, PermissionSet.For(payload.Attributes), CredentialKind.Ticket, principalExpiry, keyId)
        {
            MaxConnections = key.MaxConnections,
            PublishesPerSecond = key.PublishesPerSecond,
        });
    }

    private TicketPayload? Verify(string ticket)
    {
        var dot = ticket.IndexOf('.');
        if (dot <= 0 || ticket.Length > 4096 || !TryFromBase64Url(ticket[..dot], out var payload) || !TryFromBase64Url(ticket[(dot + 1)..], out var mac))
        {
            return null;
        }

        if (!CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(_key, payload), mac))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<TicketPayload>(payload);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryFromBase64Url(string text, out byte[] bytes)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += (padded.Length % 4) switch { 2 => "==", 3 => "=", _ => "" };
        bytes = new byte[padded.Length];
        if (Convert.TryFromBase64String(padded, bytes, out var written))
        {
            bytes = bytes[..written];
            return true;
        }

        return false;
    }
}
