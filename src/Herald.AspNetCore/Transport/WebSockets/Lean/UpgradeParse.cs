namespace Herald.AspNetCore.Transport.WebSockets.Lean;

internal enum UpgradeParse
{
    /// <summary>The head is not complete yet and may still be an upgrade.</summary>
    NeedMore,

    /// <summary>Anything else: Kestrel's HTTP/1.1 pipeline gets the connection, bytes untouched.</summary>
    NotLean,

    /// <summary>A complete upgrade request for a mount.</summary>
    Upgrade,
}
