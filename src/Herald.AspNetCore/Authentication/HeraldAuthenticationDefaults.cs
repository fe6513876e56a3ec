namespace Herald.AspNetCore.Authentication;

/// <summary>
/// The ASP.NET Core authentication scheme Herald registers for its HTTP API: a JWT, an API key or
/// a ticket, in the order of PROTOCOL.md §1. It is never made the application's default scheme.
/// </summary>
public static class HeraldAuthenticationDefaults
{
    public const string AuthenticationScheme = "Herald";
}
