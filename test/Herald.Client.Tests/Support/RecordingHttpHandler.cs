using System.Net;

namespace Herald.Client.Tests.Support;

/// <summary>The real network underneath, recording each request's URL and the status it got.</summary>
public sealed class RecordingHttpHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly List<(Uri Url, HttpStatusCode Status)> _requests = [];

    public IReadOnlyList<(Uri Url, HttpStatusCode Status)> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        lock (_requests)
        {
            _requests.Add((request.RequestUri!, response.StatusCode));
        }

        return response;
    }
}
