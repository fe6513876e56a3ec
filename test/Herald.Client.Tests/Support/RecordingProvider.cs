using System.Collections.Concurrent;

namespace Herald.Client.Tests.Support;

/// <summary>A credential provider that records every request and answers with <c>answer</c>.</summary>
public sealed class RecordingProvider(Func<CredentialRequest, HeraldCredential?> answer)
{
    private readonly ConcurrentQueue<CredentialRequest> _requests = new();

    public IReadOnlyList<CredentialRequest> Requests => [.. _requests];

    public int Count(CredentialReason reason) => _requests.Count(r => r.Reason == reason);

    public CredentialProvider Provider => (request, _) =>
    {
        _requests.Enqueue(request);
        return ValueTask.FromResult(answer(request));
    };
}
