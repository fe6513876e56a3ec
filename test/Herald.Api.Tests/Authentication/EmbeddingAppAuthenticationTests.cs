using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using Herald.AspNetCore.Authentication;
using Herald.Api.Tests.Support;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Api.Tests.Authentication;

/// <summary>
/// Herald's scheme sits beside an embedding application's own authentication: the application's
/// routes keep their default scheme and their own challenge, and Herald's routes read only Herald's credentials.
/// </summary>
public sealed class EmbeddingAppAuthenticationTests
{
    [Fact]
    public async Task An_app_with_its_own_default_cookie_scheme_still_signs_in_on_its_own_routes()
    {
        await using var server = await StartAsync(builder =>
            builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie());
        using var browser = Browser(server);

        (await browser.PostAsync("/app/login", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var me = await browser.GetAsync("/app/whoami");

        me.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await me.Content.ReadAsStringAsync()).ShouldBe("carol");
    }

    [Fact]
    public async Task The_apps_own_challenge_answers_its_routes_not_heralds_problem()
    {
        await using var server = await StartAsync(builder =>
            builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie());
        using var browser = Browser(server);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/app/whoami");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", server.Token("carol", "admin"));

        var response = await browser.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, "a Herald token is not the app's credential");
        response.Headers.Location!.AbsolutePath.ShouldBe("/Account/Login");
    }

    [Fact]
    public async Task An_app_relying_on_its_only_scheme_being_the_default_keeps_it()
    {
        // No default named: ASP.NET Core makes an application's only scheme the default, and Herald's is a second one.
        await using var server = await StartAsync(builder => builder.Services.AddAuthentication().AddCookie());
        using var browser = Browser(server);

        (await browser.PostAsync("/app/login", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var me = await browser.GetAsync("/app/whoami");

        me.StatusCode.ShouldBe(HttpStatusCode.OK, await me.Content.ReadAsStringAsync());
        (await me.Content.ReadAsStringAsync()).ShouldBe("carol");
    }

    [Fact]
    public async Task Heralds_routes_answer_heralds_credentials_only_while_the_app_cookie_is_sent()
    {
        await using var server = await StartAsync(builder =>
            builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie());
        using var browser = Browser(server);
        (await browser.PostAsync("/app/login", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        await (await browser.GetAsync("/api/stats")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "MISSING_CREDENTIALS");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/stats");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", server.Token("root", "admin"));
        await (await browser.SendAsync(request)).ShouldBeOkJsonAsync();
        using var publish = new HttpRequestMessage(HttpMethod.Post, "/api/publish") { Content = JsonContent.Create(new { channel = "public:a", @event = "e" }) };
        publish.Headers.Authorization = new AuthenticationHeaderValue("Bearer", server.Token("backend", "publish"));
        (await (await browser.SendAsync(publish)).ShouldBeOkJsonAsync()).Long("offset").ShouldBe(1);
        using var history = new HttpRequestMessage(HttpMethod.Get, "/api/channels/user:backend/history");
        history.Headers.Authorization = new AuthenticationHeaderValue("Bearer", server.Token("backend"));
        await (await browser.SendAsync(history)).ShouldBeOkJsonAsync();
    }

    [Fact]
    public async Task In_an_app_without_authentication_a_herald_token_signs_nobody_into_the_apps_routes()
    {
        // Here Herald's is the only scheme, so ASP.NET Core makes it the default and UseAuthentication runs it everywhere.
        await using var server = await StartAsync(configure: null);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/app/anyone");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", server.Token("carol", "admin"));

        var response = await server.Http.SendAsync(request);

        (await response.Content.ReadAsStringAsync()).ShouldBe("anonymous");
    }

    [Fact]
    public async Task An_app_route_behind_a_herald_policy_is_answered_like_heralds_own()
    {
        await using var server = await StartAsync(builder =>
            builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie());

        var refused = await server.GetAsync("/app/ops", server.Token("bob", "publish"));
        var allowed = await server.GetAsync("/app/ops", server.Token("root", "admin"));

        (await refused.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "ACCESS_DENIED")).Str("detail").ShouldBe("This call needs the 'admin' attribute.");
        allowed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await allowed.Content.ReadAsStringAsync()).ShouldBe("root");
        await (await server.GetAsync("/app/ops", null)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "MISSING_CREDENTIALS");
    }

    private static Task<HeraldTestServer> StartAsync(Action<WebApplicationBuilder>? configure) =>
        MountedApp.StartAsync(null, configure, app =>
        {
            if (configure is not null)
            {
                app.MapPost("/app/login", (HttpContext http) => http.SignInAsync(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "carol")], "app"))));
                app.MapGet("/app/whoami", (ClaimsPrincipal user) => user.Identity!.Name).RequireAuthorization();
            }

            app.MapGet("/app/anyone", (ClaimsPrincipal user) => user.Identity?.IsAuthenticated == true ? user.Identity.Name ?? "someone" : "anonymous");
            app.MapGet("/app/ops", (ClaimsPrincipal user) => user.FindFirst("sub")!.Value).RequireHerald(HeraldPolicies.Admin);
        });

    private static HttpClient Browser(HeraldTestServer server) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = server.BaseAddress };
}
