namespace Herald.AspNetCore.Authentication;

/// <summary>
/// The authorization policies Herald's routes need, authenticated by the
/// <see cref="HeraldAuthenticationDefaults.AuthenticationScheme"/> scheme whatever the
/// application's default is. An application may put its own routes behind them with
/// <c>RequireHerald</c> (the scheme reads credentials only on routes marked so).
/// </summary>
public static class HeraldPolicies
{
    /// <summary>Any valid Herald credential; what a channel allows is decided per channel.</summary>
    public const string Authenticated = "Herald";

    /// <summary>A credential with the <c>admin</c> attribute: stats, channels, keys, custom metrics.</summary>
    public const string Admin = "Herald.Admin";
}
