using System.Diagnostics;
using Herald.Client.Tests.Docs;

namespace Herald.Client.Tests.ClientScript;

/// <summary>
/// Runs Herald.AspNetCore's client-script targets (`dotnet msbuild -t:...`) against a scratch copy of
/// clients/js, with a PATH that holds only dotnet and sh: a machine without Node.js. The real checkout's
/// node_modules and dist are never touched.
/// </summary>
internal sealed class ClientScriptBuild : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("herald-client-build-").FullName;

    public ClientScriptBuild()
    {
        var source = Path.Combine(RepoPaths.Root, "clients", "js");
        foreach (var file in new[] { "package.json", "package-lock.json", "tsconfig.json" })
        {
            File.Copy(Path.Combine(source, file), Path.Combine(ClientDirectory, file));
        }

        foreach (var file in Directory.EnumerateFiles(Path.Combine(source, "src"), "*.ts"))
        {
            Directory.CreateDirectory(Path.Combine(ClientDirectory, "src"));
            File.Copy(file, Path.Combine(ClientDirectory, "src", Path.GetFileName(file)));
        }

        Directory.CreateDirectory(PathWithoutNode);
        File.CreateSymbolicLink(Path.Combine(PathWithoutNode, "dotnet"), FindOnPath("dotnet"));
        File.CreateSymbolicLink(Path.Combine(PathWithoutNode, "sh"), FindOnPath("sh"));
    }

    public string ClientDirectory => Directory.CreateDirectory(Path.Combine(root, "js")).FullName;

    public string Output => Path.Combine(ClientDirectory, "dist", "herald.js");

    private string PathWithoutNode => Path.Combine(root, "bin");

    /// <summary>What a finished `npm ci && npm run build` leaves: the install stamp and the module, newer than every input.</summary>
    public void MarkBuilt()
    {
        var stamp = Path.Combine(ClientDirectory, "node_modules", ".package-lock.json");
        Directory.CreateDirectory(Path.GetDirectoryName(stamp)!);
        Directory.CreateDirectory(Path.GetDirectoryName(Output)!);
        File.WriteAllText(stamp, "{}");
        File.WriteAllText(Output, "export class HeraldClient {}");
        var later = DateTime.UtcNow.AddMinutes(1);
        File.SetLastWriteTimeUtc(stamp, later);
        File.SetLastWriteTimeUtc(Output, later);
    }

    public async Task<(int ExitCode, string Output)> RunWithoutNodeAsync(string target)
    {
        var start = new ProcessStartInfo(Path.Combine(PathWithoutNode, "dotnet"))
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            "msbuild", Path.Combine(RepoPaths.Root, "src", "Herald.AspNetCore", "Herald.AspNetCore.csproj"),
            "-t:" + target, "-p:HeraldClientDir=" + ClientDirectory, "-nologo", "-nodeReuse:false",
        })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PATH"] = PathWithoutNode;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static string FindOnPath(string name)
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists) ?? throw new FileNotFoundException($"{name} is not on PATH");
        return File.ResolveLinkTarget(found, returnFinalTarget: true)?.FullName ?? found;
    }
}
