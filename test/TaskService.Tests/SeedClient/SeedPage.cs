using System.Text.Json;
using Microsoft.Playwright;

namespace TaskService.Tests.SeedClient;

/// <summary>
/// A Chromium page on the service's origin running the seed's client code. The page only watches:
/// it records what <c>console.log</c> was given, every frame as received, closes, and uncaught errors
/// (a frame the seed's <c>JSON.parse</c> could not read would be one).
/// </summary>
public sealed class SeedPage(IPage page)
{
    private const string Watch = """
        window.__log = []; window.__frames = []; window.__closes = []; window.__errors = [];
        const __print = console.log.bind(console);
        console.log = (...args) => { window.__log.push(JSON.parse(JSON.stringify(args))); __print(...args); };
        window.addEventListener('error', e => window.__errors.push(String(e.message)));
        const __Native = window.WebSocket;
        window.WebSocket = function (url, protocols) {
            const socket = new __Native(url, protocols);
            socket.addEventListener('message', e => window.__frames.push(e.data));
            socket.addEventListener('close', e => window.__closes.push(e.code));
            return socket;
        };
        """;

    private static readonly float Timeout = 10_000;

    /// <summary>Opens a page at <c>/api/ws/health</c> (so the upgrade is same-origin) and runs the seed's connect snippet against <paramref name="url"/>.</summary>
    public static async Task<SeedPage> OpenAsync(IBrowser browser, Uri baseAddress, string url)
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(baseAddress, "/api/ws/health").ToString());
        var seed = new SeedPage(page);
        await seed.RunAsync(Watch);
        await seed.RunAsync(SeedSnippets.Connect.Replace("ws://localhost:9002/api/ws/tasks?api_key=YOUR_API_KEY", url, StringComparison.Ordinal));
        return seed;
    }

    /// <summary>A classic script, as a page's own &lt;script&gt; is: its top-level <c>const ws</c> is seen by later ones.</summary>
    public Task RunAsync(string script) => page.AddScriptTagAsync(new PageAddScriptTagOptions { Content = script });

    public Task WaitOpenAsync() => page.WaitForFunctionAsync("() => ws.readyState === 1", null, new() { Timeout = Timeout });

    public Task WaitClosedAsync() => page.WaitForFunctionAsync("() => window.__closes.length > 0", null, new() { Timeout = Timeout });

    /// <summary>Waits until <paramref name="count"/> <c>console.log</c> lines start with <paramref name="label"/>.</summary>
    public Task WaitLoggedAsync(string label, int count) =>
        page.WaitForFunctionAsync("([label, count]) => window.__log.filter(a => a[0] === label).length >= count", new object[] { label, count }, new() { Timeout = Timeout });

    /// <summary>The second argument of each <c>console.log(label, value)</c> so far.</summary>
    public async Task<List<JsonElement>> LoggedAsync(string label)
    {
        var all = await page.EvaluateAsync<JsonElement>("() => window.__log");
        return all.EnumerateArray().Where(a => a[0].GetString() == label).Select(a => a[1].Clone()).ToList();
    }

    public async Task<List<string>> FramesAsync() => (await ListAsync("__frames")).Select(e => e.GetString()!).ToList();

    public async Task<List<int>> ClosesAsync() => (await ListAsync("__closes")).Select(e => e.GetInt32()).ToList();

    public async Task<List<string>> ErrorsAsync() => (await ListAsync("__errors")).Select(e => e.GetString()!).ToList();

    private async Task<List<JsonElement>> ListAsync(string name) =>
        (await page.EvaluateAsync<JsonElement>($"() => window.{name}")).EnumerateArray().Select(e => e.Clone()).ToList();
}
