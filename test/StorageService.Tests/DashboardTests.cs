using System.Net;
using Microsoft.Playwright;
using StorageService.Api;
using StorageService.Data;
using StorageService.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace StorageService.Tests;

/// <summary>
/// The dashboard in headless Chromium: sign in with a token, watch rows appear and change as the
/// API is used elsewhere, then live through a server restart and catch up with what changed
/// while the server was away. Saves a screenshot to test-results/screenshots/.
/// </summary>
public sealed class DashboardTests
{
    private static readonly float Second = 1000;

    [Fact]
    public async Task Rows_appear_and_change_live_and_the_page_catches_up_after_a_restart()
    {
        await using var server = await StorageServer.StartAsync();
        var writer = server.Token("writer", StorageAttributes.All);
        var viewer = server.Token("viewer", Matrix.Locations, Matrix.AipsList, Matrix.AipsRead, Matrix.Workflows);
        var bucket = await server.SendAsync(HttpMethod.Post, "/storage/locations", writer, new { name = "Bucket A", source = "minio" }, HttpStatusCode.Created);

        var (playwright, browser) = await Browser.LaunchAsync();
        try
        {
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
            await page.GotoAsync(server.BaseAddress.ToString());
            await page.FillAsync("#token", viewer);
            await page.ClickAsync("button[type=submit]");
            var badge = page.GetByTestId("badge");
            await Expect(badge).ToHaveTextAsync("connected", new() { Timeout = 15 * Second });
            await Expect(page.Locator($"tr[data-key='location:{bucket.Str("uuid")}']")).ToBeVisibleAsync();

            // The page is built on the browser client the sample serves, not a copy of its own.
            (await page.EvaluateAsync<bool>("() => performance.getEntriesByType('resource').some(e => new URL(e.name).pathname === '/herald.js')"))
                .ShouldBeTrue("the dashboard must load /herald.js");

            // A marker in the page's memory: still there at the end means the page never reloaded.
            await page.EvaluateAsync("() => window.__sameDocument = true");

            var aip = await server.SendAsync(HttpMethod.Post, "/storage/aips", writer, new { name = "aip-live", location_uuid = bucket.Str("uuid") }, HttpStatusCode.Created);
            var row = page.Locator($"tr[data-key='aip:{aip.Str("uuid")}']");
            await Expect(row).ToBeVisibleAsync(new() { Timeout = Second });
            await Expect(row.Locator(".status")).ToHaveTextAsync("pending");

            await server.SendAsync(HttpMethod.Patch, $"/storage/aips/{aip.Str("uuid")}", writer, new { status = "stored" });
            await Expect(row.Locator(".status")).ToHaveTextAsync("stored", new() { Timeout = Second });

            await row.ClickAsync();
            var workflow = await server.SendAsync(HttpMethod.Post, $"/storage/aips/{aip.Str("uuid")}/workflows", writer, new { type = "move", status = "in_progress" }, HttpStatusCode.Created);
            await server.SendAsync(HttpMethod.Post, $"/storage/workflows/{workflow.Str("uuid")}/tasks", writer, new { name = "copy to Bucket B", status = "in_progress" }, HttpStatusCode.Created);
            await Expect(page.GetByTestId("detail").Locator("tr[data-key^='task:']")).ToHaveCountAsync(1, new() { Timeout = 5 * Second });

            // The server goes away; meanwhile another process of the service changes the data.
            // Its SaveChanges writes outbox rows: the restarted server's relay publishes them.
            await server.StopAsync();
            await Expect(badge).ToHaveTextAsync("reconnecting", new() { Timeout = 10 * Second });
            await using (var db = server.OpenDatabase())
            {
                var stored = await db.Aips.FindAsync(Guid.Parse(aip.Str("uuid")));
                stored!.Status = AipStatus.Moving;
                db.Locations.Add(new StorageService.Data.Location { Uuid = Guid.CreateVersion7(), Name = "Bucket B", Source = "sftp", CreatedAt = DateTime.UtcNow });
                await db.SaveChangesAsync();
            }

            await server.RestartAsync();
            await Expect(badge).ToHaveTextAsync("connected", new() { Timeout = 20 * Second });
            await Expect(row.Locator(".status")).ToHaveTextAsync("moving", new() { Timeout = 10 * Second });
            await Expect(page.GetByTestId("locations").GetByText("Bucket B")).ToBeVisibleAsync(new() { Timeout = 10 * Second });
            (await page.EvaluateAsync<bool>("() => window.__sameDocument === true")).ShouldBeTrue("the page must not have reloaded");

            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ArtifactPath("storage-dashboard.png") });
        }
        finally
        {
            await browser.DisposeAsync();
            playwright.Dispose();
        }
    }
}
