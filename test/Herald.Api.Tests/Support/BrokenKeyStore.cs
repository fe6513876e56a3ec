using Herald.Security.ApiKeys;

namespace Herald.Api.Tests.Support;

/// <summary>A key store whose every call fails, as a bug or a lost database would make it.</summary>
internal sealed class BrokenKeyStore : IApiKeyStore
{
    public ValueTask AddAsync(ApiKey key, CancellationToken cancellationToken) => throw Broken();

    public ValueTask<ApiKey?> GetAsync(string id, CancellationToken cancellationToken) => throw Broken();

    public ValueTask<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken) => throw Broken();

    public ValueTask<bool> RevokeAsync(string id, CancellationToken cancellationToken) => throw Broken();

    public ValueTask TouchAsync(string id, DateTimeOffset usedAt, CancellationToken cancellationToken) => throw Broken();

    private static InvalidOperationException Broken() => new("The key store is broken (test).");
}
