using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Herald.AspNetCore.Transport.WebSockets.Lean;

/// <summary>
/// An <see cref="HttpContext"/> for one parsed upgrade, alive only for the handshake: the endpoint's checks,
/// credentials (headers, query string, ticket cookie), Origin and limits read it exactly as they read
/// Kestrel's. The session that follows holds none of it.
/// </summary>
internal sealed class HandshakeContext
{
    private readonly MemoryStream _body = new();
    private readonly StreamResponseBodyFeature _bodyFeature;

    public HandshakeContext(ConnectionContext connection, UpgradeRequest request, IServiceProvider requestServices)
    {
        var features = new FeatureCollection();
        features.Set<IHttpRequestFeature>(new HttpRequestFeature
        {
            Protocol = HttpProtocol.Http11,
            Method = HttpMethods.Get,
            Scheme = connection.Features.Get<ITlsHandshakeFeature>() is null ? "http" : "https",
            Path = request.Path,
            QueryString = request.QueryString,
            RawTarget = request.Path + request.QueryString,
            Headers = request.Headers,
        });
        var response = new HttpResponseFeature();
        features.Set<IHttpResponseFeature>(response);
        _bodyFeature = new StreamResponseBodyFeature(_body);
        features.Set<IHttpResponseBodyFeature>(_bodyFeature);
        var remote = connection.RemoteEndPoint as IPEndPoint;
        var local = connection.LocalEndPoint as IPEndPoint;
        features.Set<IHttpConnectionFeature>(new HttpConnectionFeature
        {
            ConnectionId = connection.ConnectionId,
            RemoteIpAddress = remote?.Address,
            RemotePort = remote?.Port ?? 0,
            LocalIpAddress = local?.Address,
            LocalPort = local?.Port ?? 0,
        });
        features.Set<IServiceProvidersFeature>(new ServiceProvidersFeature { RequestServices = requestServices });
        features.Set<IHttpRequestLifetimeFeature>(new HttpRequestLifetimeFeature { RequestAborted = connection.ConnectionClosed });
        WebSocket = new LeanWebSocketFeature(connection, request, response);
        features.Set<IHttpWebSocketFeature>(WebSocket);
        Http = new DefaultHttpContext(features);
    }

    public HttpContext Http { get; }

    public LeanWebSocketFeature WebSocket { get; }

    /// <summary>What the endpoint wrote when it answered with a status instead of upgrading.</summary>
    public async ValueTask<ReadOnlyMemory<byte>> BodyAsync()
    {
        await _bodyFeature.CompleteAsync();
        return _body.GetBuffer().AsMemory(0, (int)_body.Length);
    }
}
