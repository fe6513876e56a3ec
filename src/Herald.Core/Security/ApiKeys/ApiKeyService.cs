using System.Collections.Concurrent;
using Herald.Protocol;

namespace Herald.Security.ApiKeys;

/// <summary>Creates, lists, revokes and checks API keys; shared by the HTTP API, the CLI and authentication.</summary>
public sealed class ApiKeyService(IApiKeyStore store, TimeProvider time)
{
    // Last use is written at most once a minute per key: a busy key must not turn every
    // connection into a database write.
    private static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastTouched = new(StringComparer.Ordinal);

    public IApiKeyStore Store => store;

    public async ValueTask<(ApiKey Record, string Key)> CreateAsync(string name, string owner, IReadOnlyList<string> attributes, int? maxConnections, int? publishesPerSecond, CancellationToken cancellationToken)
    {
        var (id, key) = ApiKeyFormat.Generate();
        var record = new ApiKey
        {
            Id = id,
            Name = name,
            Owner = owner,
            Attributes = attributes,
            Hash = ApiKeyFormat.Hash(key),
            CreatedAt = time.GetUtcNow(),
            MaxConnections = maxConnections,
            PublishesPerSecond = publishesPerSecond,
        };
        await store.AddAsync(record, cancellationToken);
        return (record, key);
    }

    public async ValueTask<AuthenticationOutcome> AuthenticateAsync(string presented, CancellationToken cancellationToken)
    {
        if (!ApiKeyFormat.TryGetId(presented, out var id)
            || await store.GetAsync(id, cancellationToken) is not { } key
            || !ApiKeyFormat.Matches(presented, key.Hash))
        {
            return AuthenticationOutcome.Fail(ErrorCodes.InvalidCredentials, "Unknown API key.");
        }

        if (!key.Active)
        {
            return AuthenticationOutcome.Fail(ErrorCodes.InvalidCredentials, "This API key has been revoked.");
        }

        var now = time.GetUtcNow();
        if (!_lastTouched.TryGetValue(id, out var touched) || now - touched >= TouchInterval)
        {
            _lastTouched[id] = now;
            await store.TouchAsync(id, now, cancellationToken);
        }

        return AuthenticationOutcome.Success(new HeraldPrincipal(key.Owner, PermissionSet.For(key.Attributes), CredentialKind.ApiKey, credentialId: key.Id)
        {
            MaxConnections = key.MaxConnections,
            PublishesPerSecond = key.PublishesPerSecond,
        });
    }
}
