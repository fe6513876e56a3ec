using Herald.AspNetCore.Authentication;
using Herald.Configuration;
using Microsoft.Extensions.Options;

namespace Herald.Testing;

/// <summary>HS256 tokens signed with <see cref="TestSettings.Secret"/>, which every node is given.</summary>
public static class Tokens
{
    private static readonly DevTokenIssuer Issuer = new(
        Options.Create(new HeraldOptions { Jwt = { Secret = TestSettings.Secret } }),
        TimeProvider.System);

    public static string For(string subject, params string[] attributes) => Issuer.Issue(subject, attributes, TimeSpan.FromHours(1));

    public static string Publisher { get; } = For("publisher", "publish", "admin");

    public static string Reader { get; } = For("reader");
}
