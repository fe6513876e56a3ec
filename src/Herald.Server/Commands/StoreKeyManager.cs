using Herald.Channels;
using Herald.Security.ApiKeys;
using Herald.Tooling;
using Herald.Tooling.Keys;

namespace Herald.Server.Commands;

/// <summary>
/// The shared <c>keys</c> command on a key store opened directly, with the owner rule of
/// <c>POST /api/keys</c>. Also compiled into the TaskService sample (a linked file): Herald.AspNetCore,
/// which both use, must not depend on the command-line packages that define <see cref="IKeyManager"/>.
/// </summary>
internal sealed class StoreKeyManager(ApiKeyService keys, IAsyncDisposable? owner = null, Func<string, string?>? checkOwner = null) : IKeyManager
{
    public async ValueTask<CreatedKey> CreateAsync(KeyRequest request, CancellationToken cancellationToken)
    {
        var problem = checkOwner?.Invoke(request.Owner)
            ?? (request.Owner.Length > 0 && ChannelName.IsValidKey(request.Owner) ? null : "--owner must be a subject that fits a channel name");
        if (problem is not null)
        {
            throw new ToolingException(problem);
        }

        var (record, key) = await keys.CreateAsync(request.Name, request.Owner, request.Attributes, request.MaxConnections, request.PublishesPerSecond, cancellationToken);
        return new CreatedKey(key, Record(record));
    }

    public async ValueTask<IReadOnlyList<KeyRecord>> ListAsync(CancellationToken cancellationToken) =>
        [.. (await keys.Store.ListAsync(cancellationToken)).Select(Record)];

    public async ValueTask<bool> RevokeAsync(string id, CancellationToken cancellationToken) =>
        await keys.Store.RevokeAsync(id, cancellationToken);

    public ValueTask DisposeAsync() => owner?.DisposeAsync() ?? ValueTask.CompletedTask;

    private static KeyRecord Record(ApiKey k) =>
        new(k.Id, k.Name, k.Owner, k.Attributes, k.Active, k.CreatedAt, k.LastUsedAt, k.MaxConnections, k.PublishesPerSecond);
}
