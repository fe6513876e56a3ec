namespace Herald.Testing;

/// <summary>
/// Herald.Server.dll to run as a child process: beside the tests when its runtimeconfig was
/// copied, else in the server project's own build output (artifacts layout or bin/ layout).
/// </summary>
public static class ServerBinary
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        var here = AppContext.BaseDirectory;
        var candidates = new List<string> { here };

        // --artifacts-path layout: <artifacts>/bin/Herald.Storage.Tests/<config>/ → <artifacts>/bin/Herald.Server/<config>/
        var config = new DirectoryInfo(here.TrimEnd(System.IO.Path.DirectorySeparatorChar));
        if (config.Parent?.Parent is { } bin)
        {
            candidates.Add(System.IO.Path.Combine(bin.FullName, "Herald.Server", config.Name));
        }

        // bin/ layout: test/Herald.Storage.Tests/bin/<Config>/<tfm>/ → src/Herald.Server/bin/<Config>/<tfm>/
        var tfm = config;
        if (tfm.Parent is { } cfg && cfg.Parent?.Parent?.Parent?.Parent is { } repo)
        {
            candidates.Add(System.IO.Path.Combine(repo.FullName, "src", "Herald.Server", "bin", cfg.Name, tfm.Name));
        }

        foreach (var dir in candidates)
        {
            var dll = System.IO.Path.Combine(dir, "Herald.Server.dll");
            if (File.Exists(dll) && File.Exists(System.IO.Path.Combine(dir, "Herald.Server.runtimeconfig.json")))
            {
                return dll;
            }
        }

        throw new FileNotFoundException("Herald.Server.dll with its runtimeconfig was not found in: " + string.Join(", ", candidates));
    }
}
