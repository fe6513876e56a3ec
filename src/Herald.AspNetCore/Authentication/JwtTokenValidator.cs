using Herald.Configuration;
using Herald.Protocol;
using Herald.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Herald.AspNetCore.Authentication;

/// <summary>
/// Verifies HS256 / RS256 / ES256 JWTs. The principal is <c>sub</c> plus attributes merged from
/// the <c>attributes</c> array, the space-separated <c>scope</c>, and the <c>roles</c> array.
/// A token that passed is remembered until its expiry (<see cref="ValidatedTokenCache"/>): checking
/// a signature and building its claims was most of the server's work per published event.
/// </summary>
internal sealed partial class JwtTokenValidator : ITokenValidator
{
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly TokenValidationParameters? _parameters;
    private readonly ILogger _logger;
    private static readonly AuthenticationOutcome Expired = AuthenticationOutcome.Fail(ErrorCodes.TokenExpired, "The token has expired.");
    private readonly ValidatedTokenCache _cache;
    private readonly TimeProvider _time;

    public JwtTokenValidator(IOptions<HeraldOptions> options, TimeProvider time, ILogger<JwtTokenValidator> logger)
    {
        _logger = logger;
        var jwt = options.Value.Jwt;
        _time = time;
        _cache = new ValidatedTokenCache(jwt.CacheSize, time);
        var keys = SigningKeys.All(jwt);
        if (keys.Count == 0)
        {
            return;
        }

        _parameters = new TokenValidationParameters
        {
            IssuerSigningKeys = keys,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256, SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256],
            ValidateIssuer = jwt.Issuer is not null,
            ValidIssuer = jwt.Issuer,
            ValidateAudience = jwt.Audience is not null,
            ValidAudience = jwt.Audience,
            ValidateLifetime = true,
            RequireExpirationTime = true,

            // Expiry is enforced to the second: `expiring` warns clients well ahead of it.
            ClockSkew = TimeSpan.Zero,
        };
    }

    public async ValueTask<AuthenticationOutcome> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        if (_parameters is null)
        {
            return AuthenticationOutcome.Fail(ErrorCodes.InvalidCredentials, "JWT authentication is not configured on this server.");
        }

        if (!_cache.Enabled)
        {
            return await ValidateFullyAsync(token, _parameters);
        }

        var digest = TokenDigest.Of(token);
        if (_cache.TryGet(digest, out var cached))
        {
            if (cached.ExpiresAt > _time.GetUtcNow())
            {
                return AuthenticationOutcome.Success(cached);
            }

            // Its exp passed while it was cached: refused as a fresh validation would refuse it.
            _cache.Remove(digest);
            return Expired;
        }

        var outcome = await ValidateFullyAsync(token, _parameters);
        if (outcome.Succeeded)
        {
            _cache.Add(digest, outcome.Principal!);
        }

        return outcome;
    }

    private async ValueTask<AuthenticationOutcome> ValidateFullyAsync(string token, TokenValidationParameters parameters)
    {
        var result = await _handler.ValidateTokenAsync(token, parameters);
        if (!result.IsValid)
        {
            Log.Rejected(_logger, Reason(result.Exception), result.Exception?.GetType().Name ?? "no exception");
            return result.Exception is SecurityTokenExpiredException
                ? Expired
                : AuthenticationOutcome.Fail(ErrorCodes.InvalidCredentials, "The token is not valid.");
        }

        var jwt = (JsonWebToken)result.SecurityToken;
        if (string.IsNullOrEmpty(jwt.Subject))
        {
            return AuthenticationOutcome.Fail(ErrorCodes.InvalidCredentials, "The token has no 'sub' claim.");
        }

        var attributes = new List<string>();
        foreach (var claim in result.ClaimsIdentity.Claims)
        {
            switch (claim.Type)
            {
                case "attributes":
                case "roles":
                    attributes.Add(claim.Value);
                    break;
                case "scope":
                    attributes.AddRange(claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
                    break;
            }
        }

        var expires = new DateTimeOffset(DateTime.SpecifyKind(jwt.ValidTo, DateTimeKind.Utc));
        return AuthenticationOutcome.Success(new HeraldPrincipal(jwt.Subject, PermissionSet.For(attributes), CredentialKind.Jwt, expires));
    }

    /// <summary>Why, in words an operator can act on; IdentityModel's messages may quote the token's claims.</summary>
    private static string Reason(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException => "it has expired",
        SecurityTokenNotYetValidException => "it is not valid yet (nbf in the future)",
        SecurityTokenNoExpirationException => "it has no exp claim",
        SecurityTokenInvalidIssuerException => "its iss does not match Herald:Jwt:Issuer",
        SecurityTokenInvalidAudienceException => "its aud does not match Herald:Jwt:Audience",
        SecurityTokenInvalidAlgorithmException => "its algorithm is not HS256, RS256 or ES256",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "its signature does not match the configured key (signed with another secret?)",
        SecurityTokenMalformedException => "it is not a well-formed JWT",
        _ => "it failed validation",
    };
}
