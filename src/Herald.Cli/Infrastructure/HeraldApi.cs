using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Herald.Cli;

/// <summary>The server's HTTP API with the caller's credential; failures become one-line <see cref="CliException"/>s.</summary>
internal sealed class HeraldApi : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly HttpClient _http;
    private readonly ServerEndpoint _server;

    public HeraldApi(ServerEndpoint server, CliContext context)
    {
        _server = server;
        var handler = context.HttpHandler ?? new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(10) };
        _http = new HttpClient(handler, disposeHandler: context.HttpHandler is null) { BaseAddress = server.HttpBase, Timeout = Timeout };
    }

    /// <summary>Sends a request; answers the JSON body (or null for an empty one), or throws with the server's problem.</summary>
    public async Task<JsonDocument?> SendAsync(HttpMethod method, string path, byte[]? json, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (_server.Token is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        else if (_server.ApiKey is { } key)
        {
            request.Headers.Add("X-Api-Key", key);
        }
        else
        {
            throw ServerEndpoint.NoCredentials();
        }

        if (json is not null)
        {
            request.Content = new ByteArrayContent(json);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new CliException(ExitCodes.Unavailable, $"cannot reach {_server.HttpBase}: {ex.Message}", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliException(ExitCodes.Unavailable, $"no answer from {_server.HttpBase} within {Timeout.TotalSeconds:0} s", ex);
        }

        using (response)
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw Problem((int)response.StatusCode, response.ReasonPhrase, body);
            }

            if (body.Length == 0)
            {
                return null;
            }

            try
            {
                return JsonDocument.Parse(body);
            }
            catch (JsonException ex)
            {
                throw new CliException(ExitCodes.Failure, $"{method} {path} answered {(int)response.StatusCode} with a body that is not JSON", ex);
            }
        }
    }

    public void Dispose() => _http.Dispose();

    /// <summary>"403 ACCESS_DENIED: publishing to job:1 requires the 'publish' attribute", from an RFC 9457 body when there is one.</summary>
    private static CliException Problem(int status, string? reason, byte[] body)
    {
        string? code = null;
        string? detail = null;
        try
        {
            using var problem = JsonDocument.Parse(body);
            if (problem.RootElement.ValueKind == JsonValueKind.Object)
            {
                code = problem.RootElement.TryGetProperty("code", out var c) ? c.GetString() : null;
                detail = problem.RootElement.TryGetProperty("detail", out var d) ? d.GetString()
                    : problem.RootElement.TryGetProperty("title", out var t) ? t.GetString() : null;
            }
        }
        catch (JsonException)
        {
            detail = body.Length is > 0 and < 200 ? Encoding.UTF8.GetString(body).Trim() : null;
        }

        var message = new StringBuilder().Append(status);
        message.Append(' ').Append(code ?? reason ?? "error");
        if (!string.IsNullOrWhiteSpace(detail))
        {
            message.Append(": ").Append(detail.ReplaceLineEndings(" "));
        }

        return new CliException(ExitCodes.ForStatus(status), message.ToString());
    }
}
