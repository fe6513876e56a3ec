using Herald.Server.Configuration;
using Microsoft.Extensions.Options;

namespace Herald.Server.Metrics;

/// <summary>
/// <c>Herald:MetricsUrl</c> (default unset: <c>/metrics</c> on the main listener). When set, the
/// server also listens there, <c>/metrics</c> answers only on that port and the port serves
/// nothing but <c>/metrics</c> and <c>/health</c>. The port is the connection's local port, not
/// the Host header, which any client chooses.
/// </summary>
internal static class MetricsPort
{
    public const string Key = "Herald:MetricsUrl";

    /// <summary>Adds the metrics URL to <paramref name="mainUrls"/>, the listeners the server has without it.</summary>
    public static void Listen(WebApplicationBuilder builder, string mainUrls, string? metricsUrl)
    {
        if (Port(metricsUrl) is not null)
        {
            builder.WebHost.UseUrls(mainUrls + ";" + metricsUrl);
        }
    }

    public static int? Port(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || url.Port <= 0 || url.AbsolutePath != "/")
        {
            throw new OptionsValidationException(Key, typeof(HeraldServerOptions),
                [$"{Key} must be an http:// or https:// URL with a fixed port and no path, like http://0.0.0.0:9464 (Prometheus scrapes a known port), not '{value}'."]);
        }

        return url.Port;
    }

    /// <summary>Keeps <c>/metrics</c> on its port and everything but metrics and health off it.</summary>
    public static void Gate(WebApplication app, int port, string metricsPath) => app.Use((context, next) =>
    {
        var path = context.Request.Path;
        var allowed = context.Connection.LocalPort == port
            ? path.StartsWithSegments(metricsPath, StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase)
            : !path.StartsWithSegments(metricsPath, StringComparison.OrdinalIgnoreCase);
        if (allowed)
        {
            return next(context);
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    });
}
