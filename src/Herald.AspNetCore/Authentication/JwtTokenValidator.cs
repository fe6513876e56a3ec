using Herald.Configuration;
using Herald.Protocol;
using Herald.Security;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Herald.AspNetCore.Authentication;

/// <summary>
/// Verifies HS256 / RS256 / ES256 JWTs. The principal is <c>sub</c> plus attributes merged from
/// the <c>attributes</c> array, the space-separated <c>scope</c>, and the <c>roles</c> array.
/// </summary>
internal sealed class JwtTokenValidator : ITokenValidator
{
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly TokenValidationParameters? _parameters;

    public JwtTokenValidator(IOptions<HeraldOptions> options)
    {
        var jwt = options.Value.Jwt;
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

        var result = await _handler.ValidateTokenAsync(token, _parameters);
        if (!result.IsValid)
        {
            return result.Exception is SecurityTokenExpiredException
                ? AuthenticationOutcome.Fail(ErrorCodes.TokenExpired, "The token has expired.")
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
}
