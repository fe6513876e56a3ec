using Herald.AspNetCore.Transport.WebSockets.Lean;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Microsoft.AspNetCore.Builder;

public static class HeraldListenOptionsExtensions
{
    /// <summary>
    /// Answers WebSocket upgrades to this application's <c>MapHerald</c> mounts on this listener before
    /// Kestrel's HTTP/1.1 pipeline, so an idle connection keeps only its socket, WebSocket and session
    /// (docs/operations.md, "Lean WebSocket transport"). The same checks, credentials and close codes
    /// apply; the application's own middleware and endpoint conventions do not run for those upgrades,
    /// so use it only where nothing in front of the mounts matters. Every other request is Kestrel's as before.
    /// </summary>
    public static ListenOptions UseHeraldWebSockets(this ListenOptions listenOptions)
    {
        ArgumentNullException.ThrowIfNull(listenOptions);
        listenOptions.Use(next => new LeanUpgradeHandler(next, listenOptions.ApplicationServices).OnConnectionAsync);
        return listenOptions;
    }
}
