using System.Security.Claims;
using Herald.AspNetCore.Http;
using Herald.Protocol;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Herald.AspNetCore.Authentication;

/// <summary>
/// The <see cref="HeraldAuthenticationDefaults.AuthenticationScheme"/> scheme: reads the request's
/// credential through <see cref="CredentialAuthenticator"/> (the reader the WebSocket upgrade uses too)
/// and answers a challenge or a refusal with the protocol's problem details, exactly as the API always has.
/// </summary>
/// <remarks>
/// Only on routes marked by <c>RequireHerald</c>, and never for an upgrade. ASP.NET Core makes an
/// application's only scheme its default, and UseAuthentication then runs it on every request: the
/// application's own routes must not pay for (or be answered by) Herald's credentials, and an
/// upgrade's single-use ticket is the WebSocket endpoint's to redeem. That refusal is not remembered,
/// because UseAuthentication may run before routing has found the route.
/// </remarks>
internal sealed class HeraldAuthenticationHandler(CredentialAuthenticator credentials) : IAuthenticationHandler
{
    private static readonly object ForbiddenDetailKey = new();

    private AuthenticationScheme _scheme = null!;
    private HttpContext _context = null!;
    private Task<AuthenticateResult>? _result;

    /// <summary>Says why <see cref="ForbidAsync"/> is about to refuse; a requirement that failed sets it.</summary>
    public static void SetForbiddenDetail(HttpContext context, string detail) => context.Items[ForbiddenDetailKey] = detail;

    public Task InitializeAsync(AuthenticationScheme scheme, HttpContext context)
    {
        _scheme = scheme;
        _context = context;
        return Task.CompletedTask;
    }

    public Task<AuthenticateResult> AuthenticateAsync()
    {
        if (_context.GetEndpoint()?.Metadata.GetMetadata<HeraldRouteMetadata>() is null || IsUpgrade(_context))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        // Once per request: a ticket is single use, and the policy evaluator may ask again.
        return _result ??= AuthenticateOnceAsync();
    }

    public Task ChallengeAsync(AuthenticationProperties? properties)
    {
        var (code, detail) = _result is { IsCompletedSuccessfully: true, Result.Failure: CredentialFailure failure }
            ? (failure.Code, failure.Message)
            : (ErrorCodes.MissingCredentials, CredentialAuthenticator.MissingMessage);
        return Problems.FromCode(code, detail).ExecuteAsync(_context);
    }

    public Task ForbidAsync(AuthenticationProperties? properties) =>
        Problems.FromCode(ErrorCodes.AccessDenied, _context.Items[ForbiddenDetailKey] as string ?? "This credential is not allowed this call.").ExecuteAsync(_context);

    private async Task<AuthenticateResult> AuthenticateOnceAsync()
    {
        var outcome = await credentials.AuthenticateAsync(_context, _context.RequestAborted);
        if (outcome.Succeeded)
        {
            return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new HeraldIdentity(outcome.Principal!)), _scheme.Name));
        }

        return outcome.ErrorCode == ErrorCodes.MissingCredentials
            ? AuthenticateResult.NoResult()
            : AuthenticateResult.Fail(new CredentialFailure(outcome.ErrorCode!, outcome.Message!));
    }

    private static bool IsUpgrade(HttpContext context) =>
        context.Features.Get<IHttpUpgradeFeature>()?.IsUpgradableRequest == true
        || context.Features.Get<IHttpExtendedConnectFeature>()?.IsExtendedConnect == true;
}
