using System.Security.Claims;
using System.Text.Encodings.Web;
using Herald.AspNetCore.Http;
using Herald.Protocol;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Herald.AspNetCore.Authentication;

/// <summary>
/// The <see cref="HeraldAuthenticationDefaults.AuthenticationScheme"/> scheme: reads the request's
/// credential through <see cref="CredentialAuthenticator"/> (the reader the WebSocket upgrade uses too)
/// and answers a challenge or a refusal with the protocol's problem details, exactly as the API always has.
/// </summary>
internal sealed class HeraldAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, CredentialAuthenticator credentials)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private static readonly object ForbiddenDetailKey = new();

    /// <summary>Says why <see cref="HandleForbiddenAsync"/> is about to refuse; a requirement that failed sets it.</summary>
    public static void SetForbiddenDetail(HttpContext context, string detail) => context.Items[ForbiddenDetailKey] = detail;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        // When this is an application's only scheme, ASP.NET Core makes it the default and
        // UseAuthentication runs it on every request: an upgrade's single-use ticket is the
        // WebSocket endpoint's to redeem (it answers 4001 in-band), not this handler's.
        if (IsUpgrade(Context))
        {
            return AuthenticateResult.NoResult();
        }

        var outcome = await credentials.AuthenticateAsync(Context, Context.RequestAborted);
        if (outcome.Succeeded)
        {
            return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new HeraldIdentity(outcome.Principal!)), Scheme.Name));
        }

        return outcome.ErrorCode == ErrorCodes.MissingCredentials
            ? AuthenticateResult.NoResult()
            : AuthenticateResult.Fail(new CredentialFailure(outcome.ErrorCode!, outcome.Message!));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        var (code, detail) = result.Failure is CredentialFailure failure
            ? (failure.Code, failure.Message)
            : (ErrorCodes.MissingCredentials, CredentialAuthenticator.MissingMessage);
        await Problems.FromCode(code, detail).ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.FromCode(ErrorCodes.AccessDenied, Context.Items[ForbiddenDetailKey] as string ?? "This credential is not allowed this call.").ExecuteAsync(Context);

    private static bool IsUpgrade(HttpContext context) =>
        context.Features.Get<IHttpUpgradeFeature>()?.IsUpgradableRequest == true
        || context.Features.Get<IHttpExtendedConnectFeature>()?.IsExtendedConnect == true;
}
