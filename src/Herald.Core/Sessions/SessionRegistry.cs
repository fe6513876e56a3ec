using System.Collections.Concurrent;

namespace Herald.Sessions;

/// <summary>Every open session of this node: for heartbeats, shutdown, stats and revocation.</summary>
internal sealed class SessionRegistry
{
    private readonly ConcurrentDictionary<string, HeraldSession> _sessions = new(StringComparer.Ordinal);

    public int Count => _sessions.Count;

    public ICollection<HeraldSession> All => _sessions.Values;

    public void Add(HeraldSession session) => _sessions[session.Id] = session;

    public void Remove(HeraldSession session) => _sessions.TryRemove(session.Id, out _);

    public void CloseCredential(string credentialId, int code, string reason)
    {
        foreach (var session in _sessions.Values)
        {
            if (session.Principal.CredentialId == credentialId)
            {
                session.Close(code, reason, flush: true);
            }
        }
    }

    public void CloseAll(int code, string reason, bool flush)
    {
        foreach (var session in _sessions.Values)
        {
            session.Close(code, reason, flush);
        }
    }
}
