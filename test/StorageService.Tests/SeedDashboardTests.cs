using System.Net;
using System.Text.Json;
using Microsoft.Playwright;
using StorageService.Tests.Support;

namespace StorageService.Tests;

/// <summary>
/// Seed 001's dashboard client (Seeds/SeedDashboard.js: its generated models, its handler map, its
/// connect), run as written in headless Chromium against <c>/storage/monitor</c>: every event
/// reaches its handler, the keep-alive too, and no frame ever throws.
/// </summary>
public sealed class SeedDashboardTests
{
    private static readonly string Script = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Seeds", "SeedDashboard.js"));

    [Fact]
    public async Task The_seed_dashboard_handles_every_event_it_may_see_and_never_meets_a_frame_it_cannot_parse()
    {
        await using var server = await StorageServer.StartAsync();
        var writer = server.Token("writer", [.. StorageService.Api.StorageAttributes.All]);
        var (playwright, browser) = await Browser.LaunchAsync();
        try
        {
            var errors = new List<string>();
            var all = await OpenAsync(browser, server, server.Token("all", Matrix.Locations, Matrix.AipsList, Matrix.AipsRead, Matrix.Workflows), errors);
            var locations = await OpenAsync(browser, server, server.Token("loc", Matrix.Locations), errors);

            async Task<string> Create(string path, object body) => (await server.SendAsync(HttpMethod.Post, path, writer, body, HttpStatusCode.Created)).Str("uuid");
            var location = await Create("/storage/locations", new { name = "Bucket A" });
            var aip = await Create("/storage/aips", new { name = "aip-1", location_uuid = location });
            await server.SendAsync(HttpMethod.Patch, $"/storage/aips/{aip}", writer, new { status = "stored" });
            var workflow = await Create($"/storage/aips/{aip}/workflows", new { type = "move" });
            await server.SendAsync(HttpMethod.Patch, $"/storage/workflows/{workflow}", writer, new { status = "in_progress" });
            var task = await Create($"/storage/workflows/{workflow}/tasks", new { name = "copy" });
            await server.SendAsync(HttpMethod.Patch, $"/storage/tasks/{task}", writer, new { status = "done" });
            await server.SendAsync(HttpMethod.Patch, $"/storage/locations/{location}", writer, new { description = "primary" });

            var seen = await EventsAsync(all, 8);
            seen.Select(e => e.GetProperty("type").GetString()).ShouldBe([
                "location_created_event", "aip_created_event", "aip_updated_event", "aip_workflow_created_event",
                "aip_workflow_updated_event", "aip_task_created_event", "aip_task_updated_event", "location_updated_event",
            ]);
            seen.Select(e => e.GetProperty("uuid").GetString()).ShouldBe([location, aip, aip, workflow, workflow, task, task, location]);
            seen[2].GetProperty("item").GetProperty("status").GetString().ShouldBe("stored");

            // The location update came last: whatever else this user could have been sent came before it.
            (await EventsAsync(locations, 2)).Select(e => e.GetProperty("type").GetString()).ShouldBe(["location_created_event", "location_updated_event"]);

            // The keep-alive comes every 10 s and has its own handler.
            await Eventually.TrueAsync(async () => await all.EvaluateAsync<int>("() => window.__seed.pings") > 0, "a storage_ping_event", TimeSpan.FromSeconds(15));
            errors.ShouldBeEmpty();
        }
        finally
        {
            await browser.DisposeAsync();
            playwright.Dispose();
        }
    }

    private static async Task<IPage> OpenAsync(IBrowser browser, StorageServer server, string jwt, List<string> errors)
    {
        // A context each: the ticket cookie is per browser profile, as it is per user.
        var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.PageError += (_, error) => errors.Add(error);
        await page.GotoAsync(new Uri(server.BaseAddress, "/health/live").ToString());
        await page.EvaluateAsync(Script, jwt);
        return page;
    }

    private static async Task<List<JsonElement>> EventsAsync(IPage page, int count)
    {
        List<JsonElement> events = [];
        await Eventually.TrueAsync(async () =>
        {
            events = [.. (await page.EvaluateAsync<JsonElement>("() => window.__seed.events")).EnumerateArray()];
            return events.Count >= count;
        }, $"{count} events in the seed's handlers");
        return events;
    }
}
