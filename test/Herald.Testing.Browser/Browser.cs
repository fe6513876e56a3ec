using Microsoft.Playwright;

namespace Herald.Testing;

/// <summary>Debian's Chromium, headless, driven by Playwright; no browser is ever downloaded.</summary>
public static class Browser
{
    public const string Executable = "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"],
        });
        return (playwright, browser);
    }

    /// <summary><c>test-results/screenshots/</c> at the repository root (where Herald.slnx is), created if needed; ./test.sh keeps test-results/.</summary>
    /// <remarks>The build output may live outside the repository (--artifacts-path), so this file's own
    /// compile-time path is tried as well.</remarks>
    public static string ArtifactPath(string fileName, [System.Runtime.CompilerServices.CallerFilePath] string source = "")
    {
        var repository = RepositoryRoot(AppContext.BaseDirectory) ?? RepositoryRoot(Path.GetDirectoryName(source)) ?? Directory.GetCurrentDirectory();
        var root = Path.Combine(repository, "test-results", "screenshots");
        Directory.CreateDirectory(root);
        return Path.Combine(root, fileName);
    }

    private static string? RepositoryRoot(string? start)
    {
        for (var directory = start is null ? null : new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Herald.slnx")))
            {
                return directory.FullName;
            }
        }

        return null;
    }
}
