using Herald.Dashboard.Tests.Support;
using Microsoft.Playwright;

namespace Herald.Dashboard.Tests;

[Collection(PostgresCollection.Name)]
public sealed class DashboardPageTests(PostgresFixture postgres, BrowserFixture chromium) : IClassFixture<BrowserFixture>
{
    private static readonly float Deadline = (float)TimeSpan.FromSeconds(15).TotalMilliseconds;

    [Fact]
    public async Task Signed_in_as_admin_the_page_shows_two_nodes_then_one_without_a_reload()
    {
        var database = await postgres.Server.CreateDatabaseAsync("dash_page");
        await using var a = HeraldNode.Start("node-a", database);
        await using var b = HeraldNode.Start("node-b", database);
        await Task.WhenAll(a.WaitReadyAsync(), b.WaitReadyAsync());

        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);

        await page.GotoAsync(a.BaseAddress.ToString());
        await SignInAsync(page, Tokens.For("ops", "admin"));

        await page.Locator("#badge[data-state=connected]").WaitForAsync(new() { Timeout = Deadline });

        // Both nodes appear once a status tick has seen node-b (every 5 s).
        await page.WaitForFunctionAsync(
            "() => [...document.querySelectorAll('#nodes tr')].map(r => r.dataset.node).join() === 'node-a,node-b'",
            null, new() { Timeout = Deadline, PollingInterval = 100 });
        var reloads = 0;
        page.Load += (_, _) => reloads++;

        await b.StopAsync();
        await page.WaitForFunctionAsync(
            "() => [...document.querySelectorAll('#nodes tr')].map(r => r.dataset.node).join() === 'node-a'",
            null, new() { Timeout = Deadline, PollingInterval = 100 });

        reloads.ShouldBe(0);
        (await page.Locator("#badge").GetAttributeAsync("data-state")).ShouldBe("connected");
        (await page.Locator("#events tr").CountAsync()).ShouldBeGreaterThan(0);

        // A second status draws the chart's line rather than a single point. Not "visible": a
        // steady count draws a flat line, whose empty bounding box Playwright calls hidden.
        await page.WaitForFunctionAsync(
            "() => (document.querySelector('#chart-connections polyline')?.getAttribute('points') ?? '').trim().split(/\\s+/).length >= 2",
            null, new() { Timeout = Deadline, PollingInterval = 100 });

        // API keys: created from the form, shown once, listed, then revoked (after the confirm dialog).
        page.Dialog += (_, dialog) => _ = dialog.AcceptAsync();
        await page.Locator("#key-owner").FillAsync("u-17");
        await page.Locator("#key-name").FillAsync("task backend");
        await page.Locator("#key-attributes").FillAsync("publish");
        await page.Locator("#key-form button[type=submit]").ClickAsync();
        await page.Locator("#key-created").WaitForAsync(new() { Timeout = Deadline });
        (await page.Locator("#key-created-value").TextContentAsync()).ShouldNotBeNullOrWhiteSpace();
        var row = page.Locator("#keys tr", new() { HasText = "task backend" });
        await row.WaitForAsync(new() { Timeout = Deadline });
        await row.Locator("button", new() { HasText = "Revoke" }).ClickAsync();
        await row.Locator(".state-revoked").Or(page.Locator("#keys-empty:visible")).First.WaitForAsync(new() { Timeout = Deadline });

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ArtifactPath("dashboard.png"), FullPage = true });
        errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_non_admin_token_gets_the_sign_in_error()
    {
        var database = await postgres.Server.CreateDatabaseAsync("dash_denied");
        await using var a = HeraldNode.Start("node-a", database);
        await a.WaitReadyAsync();
        var reader = Tokens.For("reader");

        // What the cluster mount says (its own format, seed 004): one error, ACCESS_DENIED, then 4003.
        await using (var client = await TestClient.ConnectAsync(a.ClusterUri(reader)))
        {
            var error = await client.NextOfTypeAsync("error");
            error.GetProperty("data").Str("code").ShouldBe("ACCESS_DENIED");
            (await client.WaitClosedAsync()).Code.ShouldBe(4003);
        }

        await using var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(a.BaseAddress.ToString());
        await SignInAsync(page, reader);

        var message = page.Locator("#sign-in-error");
        await message.WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = Deadline });
        (await message.TextContentAsync()).ShouldNotBeNull().ShouldContain("ACCESS_DENIED");
        (await page.Locator("#dashboard").IsVisibleAsync()).ShouldBeFalse();
        (await page.Locator("#badge").GetAttributeAsync("data-state")).ShouldBe("offline");
        (await page.EvaluateAsync<string?>("() => sessionStorage.getItem('herald.dashboard.credential')")).ShouldBeNull();
    }

    private static async Task SignInAsync(IPage page, string credential)
    {
        await page.Locator("#sign-in").WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = Deadline });
        await page.Locator("#credential").FillAsync(credential);
        await page.Locator("#sign-in-button").ClickAsync();
    }
}
