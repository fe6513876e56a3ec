using System.Net;
using Microsoft.Playwright;
using StorageService.Api;
using StorageService.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace StorageService.Tests;

/// <summary>
/// The dashboard at common laptop and desktop widths and on a phone, with long names and an
/// AIP open: every table stays inside its card, no card covers another, the page does not scroll
/// sideways. A screenshot per width goes to test-results/screenshots/.
/// </summary>
public sealed class LayoutTests
{
    // Each problem is one sentence naming the card and the sizes.
    private const string Problems = """
        () => {
          const problems = [];
          const name = (card) => card.querySelector("h2")?.firstChild?.textContent.trim() ?? card.className;
          const cards = [...document.querySelectorAll("main:not([hidden]) .card")];
          for (const card of cards) {
            const box = card.getBoundingClientRect();
            if (card.scrollWidth > card.clientWidth + 1) problems.push(`${name(card)}: its content is ${card.scrollWidth}px wide in a ${card.clientWidth}px card`);
            for (const table of card.querySelectorAll("table")) {
              const t = table.getBoundingClientRect();
              if (t.left < box.left - 0.5 || t.right > box.right + 0.5) problems.push(`${name(card)}: a table spans ${Math.round(t.left)}..${Math.round(t.right)} outside the card's ${Math.round(box.left)}..${Math.round(box.right)}`);
              if (table.scrollWidth > card.clientWidth + 1) problems.push(`${name(card)}: a table's scrollWidth ${table.scrollWidth} exceeds the card's ${card.clientWidth}`);
            }
          }
          for (let i = 0; i < cards.length; i++) {
            for (let j = i + 1; j < cards.length; j++) {
              const a = cards[i].getBoundingClientRect(), b = cards[j].getBoundingClientRect();
              const w = Math.min(a.right, b.right) - Math.max(a.left, b.left), h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
              if (w > 0.5 && h > 0.5) problems.push(`${name(cards[i])} and ${name(cards[j])} overlap by ${Math.round(w)}x${Math.round(h)}px`);
            }
          }
          for (const part of document.querySelectorAll("header.bar > *")) {
            if (part.getBoundingClientRect().right > innerWidth + 0.5) problems.push(`the header's ${part.tagName.toLowerCase()} ends beyond the window`);
          }
          if (document.documentElement.scrollWidth > innerWidth) problems.push(`the page is ${document.documentElement.scrollWidth}px wide in a ${innerWidth}px window`);
          return problems;
        }
        """;

    private static readonly float Second = 1000;

    [Theory]
    [InlineData(1280, 800)]
    [InlineData(1440, 900)]
    [InlineData(1920, 1080)]
    [InlineData(390, 844)]
    public async Task Every_table_stays_inside_its_card_and_no_card_covers_another(int width, int height)
    {
        await using var server = await StorageServer.StartAsync();
        var writer = server.Token("writer", StorageAttributes.All);
        var viewer = server.Token("viewer-with-a-rather-long-subject@example.org", Matrix.Locations, Matrix.AipsList, Matrix.AipsRead, Matrix.Workflows);
        var aip = await SeedAsync(server, writer);

        var (playwright, browser) = await Browser.LaunchAsync();
        try
        {
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
            await page.GotoAsync(server.BaseAddress.ToString());
            await page.FillAsync("#token", viewer);
            await page.ClickAsync("button[type=submit]");
            await Expect(page.GetByTestId("badge")).ToHaveTextAsync("connected", new() { Timeout = 15 * Second });
            await Expect(page.GetByTestId("locations").Locator("tbody tr")).ToHaveCountAsync(3, new() { Timeout = 5 * Second });
            await Expect(page.GetByTestId("aips").Locator("tbody tr")).ToHaveCountAsync(4, new() { Timeout = 5 * Second });
            await page.Locator($"tr[data-key='aip:{aip}']").ClickAsync();
            await Expect(page.GetByTestId("detail").Locator("tr[data-key^='task:']")).ToHaveCountAsync(2, new() { Timeout = 5 * Second });

            var screenshot = Browser.ArtifactPath($"storage-dashboard-{width}x{height}.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
            var problems = await page.EvaluateAsync<string[]>(Problems);

            problems.ShouldBeEmpty($"at {width}x{height} (see {screenshot})");
        }
        finally
        {
            await browser.DisposeAsync();
            playwright.Dispose();
        }
    }

    /// <summary>Names as long as real ones get: a bucket path, a transfer name with a date and a uuid.</summary>
    private static async Task<string> SeedAsync(StorageServer server, string writer)
    {
        var locations = new List<string>();
        foreach (var (name, source, purpose) in new[]
        {
            ("Archive bucket eu-central-1 (primary)", "s3", "aip_store"),
            ("sftp://transfer.example.org/incoming/deposits", "sftp", "transfer_source"),
            ("Local disk", "fs", "aip_store"),
        })
        {
            var location = await server.SendAsync(HttpMethod.Post, "/storage/locations", writer, new { name, source, purpose }, HttpStatusCode.Created);
            locations.Add(location.Str("uuid"));
        }

        string? first = null;
        foreach (var (name, status) in new[]
        {
            ("transfer-2024-06-30-board-minutes-and-correspondence-0b8f3c1e", "stored"),
            ("photographs_collection_1950-1979_batch_12", "moving"),
            ("a", "pending"),
            ("Digitised newspapers: Daily Courier 1901-1910, reels 1-48", "in_review"),
        })
        {
            var aip = await server.SendAsync(HttpMethod.Post, "/storage/aips", writer, new { name, location_uuid = locations[0] }, HttpStatusCode.Created);
            await server.SendAsync(HttpMethod.Patch, $"/storage/aips/{aip.Str("uuid")}", writer, new { status });
            first ??= aip.Str("uuid");
        }

        var workflow = await server.SendAsync(HttpMethod.Post, $"/storage/aips/{first}/workflows", writer, new { type = "move to Archive bucket eu-central-1 (primary)", status = "in_progress" }, HttpStatusCode.Created);
        await server.SendAsync(HttpMethod.Post, $"/storage/workflows/{workflow.Str("uuid")}/tasks", writer, new { name = "copy objects to s3://archive-eu-central-1/aips/0b8f3c1e", status = "in_progress" }, HttpStatusCode.Created);
        await server.SendAsync(HttpMethod.Post, $"/storage/workflows/{workflow.Str("uuid")}/tasks", writer, new { name = "verify checksums", status = "pending" }, HttpStatusCode.Created);
        return first!;
    }
}
