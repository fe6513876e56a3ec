using Microsoft.Playwright;

namespace Herald.Dashboard.Tests.Support;

/// <summary>One Chromium per test class; each test opens its own context (no shared cookies or session storage).</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Chromium has not started.");

    public async Task InitializeAsync() => (_playwright, _browser) = await Herald.Testing.Browser.LaunchAsync();

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
