namespace Herald.Tooling.Keys;

/// <summary>
/// Where <c>keys</c> keeps its keys: a server's <c>/api/keys</c> (the <c>herald</c> CLI) or a
/// key store opened directly (the server binary and the samples, offline).
/// </summary>
public interface IKeyManager : IAsyncDisposable
{
    /// <summary>Throws <see cref="ToolingException"/> for a request the store refuses (a bad owner).</summary>
    ValueTask<CreatedKey> CreateAsync(KeyRequest request, CancellationToken cancellationToken);

    ValueTask<IReadOnlyList<KeyRecord>> ListAsync(CancellationToken cancellationToken);

    /// <summary>False when there is no key with this id.</summary>
    ValueTask<bool> RevokeAsync(string id, CancellationToken cancellationToken);
}
