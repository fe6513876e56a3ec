using Herald.Configuration;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Herald.AspNetCore.Transport;

/// <summary>
/// Cross-site WebSocket hijacking defence: a browser's upgrade must come from this server's own
/// origin or one in <c>Herald:AllowedOrigins</c>. Non-browser clients send no Origin and pass.
/// </summary>
internal sealed class OriginPolicy(IOptions<HeraldOptions> options)
{
    private readonly HashSet<string> _allowed = new(options.Value.AllowedOrigins.Select(o => o.TrimEnd('/')), StringComparer.OrdinalIgnoreCase);

    public bool IsAllowed(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0 || _allowed.Contains("*") || _allowed.Contains(origin))
        {
            return true;
        }

        return string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);
    }
}
