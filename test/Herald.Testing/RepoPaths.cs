using System.Runtime.CompilerServices;

namespace Herald.Testing;

/// <summary>The repository root: from this source file's path, else upwards from the test's directories.</summary>
public static class RepoPaths
{
    public static string Root { get; } = Find();

    public static string Docs(string relative) => Path.Combine(Root, "docs", relative);

    private static string Find()
    {
        var candidates = new[] { Path.Combine(Here(), "..", "..", ".."), AppContext.BaseDirectory, Directory.GetCurrentDirectory() };
        foreach (var start in candidates)
        {
            for (var directory = new DirectoryInfo(Path.GetFullPath(start)); directory is not null; directory = directory.Parent)
            {
                if (Directory.Exists(Path.Combine(directory.FullName, "docs", "clients")) && File.Exists(Path.Combine(directory.FullName, "Herald.slnx")))
                {
                    return directory.FullName;
                }
            }
        }

        throw new DirectoryNotFoundException("The repository (Herald.slnx with docs/clients) was not found above " + Here());
    }

    private static string Here([CallerFilePath] string path = "") => Path.GetDirectoryName(path) ?? "";
}
