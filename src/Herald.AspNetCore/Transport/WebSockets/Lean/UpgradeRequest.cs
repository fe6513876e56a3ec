using Microsoft.AspNetCore.Http;

namespace Herald.AspNetCore.Transport.WebSockets.Lean;

/// <summary>A complete, well-formed WebSocket upgrade request for one of the mounts: the only kind the lean handler answers.</summary>
internal sealed record UpgradeRequest(WebSocketEndpoint Endpoint, string Path, string QueryString, HeaderDictionary Headers, string Key);
