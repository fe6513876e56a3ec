using Herald.Protocol;
using Herald.Security.ApiKeys;
using TaskService.Http;

namespace TaskService.ApiKeys;

/// <summary>
/// The REST API's authentication: the same API keys as the WebSocket, checked by Herald's
/// ApiKeyService against the database (active only, last use recorded), then the key's rate.
/// Only the header: a key in a REST URL would end up in proxies' access logs.
/// </summary>
internal sealed class ApiKeyFilter(ApiKeyService keys, RequestRateLimiter limiter) : IEndpointFilter
{
    public const string Header = "X-Api-Key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var presented = http.Request.Headers[Header].ToString();
        if (presented.Length == 0)
        {
            return ApiProblems.Unauthorized(ErrorCodes.MissingCredentials, $"Send your API key in the {Header} header.");
        }

        var outcome = await keys.AuthenticateAsync(presented, http.RequestAborted);
        if (!outcome.Succeeded)
        {
            return ApiProblems.Unauthorized(outcome.ErrorCode!, outcome.Message!);
        }

        var principal = outcome.Principal!;
        using var lease = await limiter.AcquireAsync(principal, http.RequestAborted);
        if (!lease.IsAcquired)
        {
            http.Response.Headers.RetryAfter = "1";
            return ApiProblems.TooManyRequests("This API key is over its request rate; retry after a second.");
        }

        http.Items[typeof(Caller)] = new Caller(principal.Subject, principal.CredentialId!);
        return await next(context);
    }
}
