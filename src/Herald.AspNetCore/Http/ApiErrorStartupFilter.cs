using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Herald.AspNetCore.Http;

/// <summary>
/// Puts <see cref="ApiErrorMiddleware"/> first in the host's pipeline: routing's 404, 405 and 415
/// are decided before any endpoint runs, so only a middleware outside routing sees them.
/// </summary>
internal sealed class ApiErrorStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseMiddleware<ApiErrorMiddleware>();
        next(app);
    };
}
