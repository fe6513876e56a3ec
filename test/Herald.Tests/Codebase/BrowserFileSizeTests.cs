namespace Herald.Tests.Codebase;

/// <summary>
/// The browser-side code stays in modules a reader can hold in mind: the npm client's sources
/// (bundled into one /herald.js) and the dashboard's modules. A monolith grown back fails here,
/// in the .NET test run, whether or not Node.js is installed.
/// </summary>
public sealed class BrowserFileSizeTests
{
    private const int MaxLines = 400;

    public static TheoryData<string> Trees => new() { "clients/js/src", "src/Herald.Server/wwwroot" };

    [Theory]
    [MemberData(nameof(Trees))]
    public void No_file_is_longer_than_400_lines(string tree)
    {
        var root = Path.Combine(RepoPaths.Root, tree);
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).ToList();
        files.ShouldNotBeEmpty(root);

        var tooLong = files
            .Select(f => (Path: Path.GetRelativePath(RepoPaths.Root, f), Lines: File.ReadLines(f).Count()))
            .Where(f => f.Lines > MaxLines)
            .Select(f => $"{f.Path}: {f.Lines} lines")
            .ToList();

        tooLong.ShouldBeEmpty($"split these into modules of at most ~300 lines (limit {MaxLines})");
    }
}
