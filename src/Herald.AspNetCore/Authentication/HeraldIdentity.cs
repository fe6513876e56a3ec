using System.Security.Claims;
using Herald.Security;

namespace Herald.AspNetCore.Authentication;

/// <summary>
/// The claims identity of a Herald credential: <c>sub</c> and one <c>attribute</c> claim per
/// attribute (so <c>IsInRole</c> reads attributes), carrying the <see cref="HeraldPrincipal"/>
/// that limits and per-channel checks need.
/// </summary>
internal sealed class HeraldIdentity : ClaimsIdentity
{
    public const string SubjectClaim = "sub";
    public const string AttributeClaim = "attribute";

    public HeraldIdentity(HeraldPrincipal principal)
        : base(ClaimsOf(principal), HeraldAuthenticationDefaults.AuthenticationScheme, SubjectClaim, AttributeClaim) =>
        Principal = principal;

    public HeraldPrincipal Principal { get; }

    /// <summary>The Herald principal behind <paramref name="user"/>; only on routes behind a Herald policy.</summary>
    public static HeraldPrincipal Of(ClaimsPrincipal user) =>
        user.Identities.OfType<HeraldIdentity>().FirstOrDefault()?.Principal
        ?? throw new InvalidOperationException("This route is not behind a Herald policy.");

    // ClaimsPrincipal.Clone clones its identities: keep the principal through it.
    public override ClaimsIdentity Clone() => new HeraldIdentity(Principal);

    private static IEnumerable<Claim> ClaimsOf(HeraldPrincipal principal) =>
        [new(SubjectClaim, principal.Subject), .. principal.Permissions.Attributes.Select(a => new Claim(AttributeClaim, a))];
}
