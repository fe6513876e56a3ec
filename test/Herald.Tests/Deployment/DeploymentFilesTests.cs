using Herald.Configuration;
using Herald.Server;

namespace Herald.Tests.Deployment;

/// <summary>
/// What can be checked of the Dockerfile and the systemd unit without a container engine or
/// systemd: the paths they name exist, and the settings the docs promise are there.
/// </summary>
public sealed class DeploymentFilesTests
{
    private static readonly string[] Dockerfile = File.ReadAllLines(Path.Combine(RepoPaths.Root, "Dockerfile"));

    [Fact]
    public void Every_path_the_Dockerfile_copies_or_builds_exists_in_the_repository()
    {
        var copied = Dockerfile.Where(l => l.StartsWith("COPY ", StringComparison.Ordinal) && !l.Contains("--from=", StringComparison.Ordinal))
            .SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..^1])
            .Where(p => p != ".")
            .ToList();
        copied.ShouldNotBeEmpty();
        copied.ShouldAllBe(p => File.Exists(Path.Combine(RepoPaths.Root, p)));

        var published = Instruction("RUN dotnet publish ").Split(' ')[3];
        File.Exists(Path.Combine(RepoPaths.Root, published)).ShouldBeTrue(published);
        Instruction("ENTRYPOINT ").ShouldContain($"\"{typeof(HeraldServerApp).Assembly.GetName().Name}.dll\"");
        File.Exists(Path.Combine(RepoPaths.Root, "clients", "js", "package-lock.json")).ShouldBeTrue();

        // Host build output in the context would shadow the image's own restore and build.
        var ignored = File.ReadAllLines(Path.Combine(RepoPaths.Root, ".dockerignore"));
        ignored.ShouldContain("**/bin/");
        ignored.ShouldContain("**/obj/");
        ignored.ShouldContain("**/node_modules/");
    }

    [Fact]
    public void The_image_runs_as_a_non_root_user_on_0_0_0_0_8080_with_data_in_a_volume()
    {
        Dockerfile.Count(l => l.StartsWith("FROM ", StringComparison.Ordinal)).ShouldBeGreaterThanOrEqualTo(3, "node, sdk build and aspnet runtime stages");
        Dockerfile.Last(l => l.StartsWith("FROM ", StringComparison.Ordinal)).ShouldStartWith("FROM mcr.microsoft.com/dotnet/aspnet:");
        var user = Instruction("USER ")["USER ".Length..].Trim();
        user.ShouldNotBeOneOf("root", "0");
        Instruction("VOLUME ").ShouldBe("VOLUME /data");
        Instruction("EXPOSE ").ShouldBe("EXPOSE 8080");
        var env = string.Join(' ', Dockerfile.SkipWhile(l => !l.StartsWith("ENV ", StringComparison.Ordinal)).TakeWhile(l => !l.StartsWith("VOLUME", StringComparison.Ordinal)));
        env.ShouldContain("Herald__DataDirectory=/data");
        env.ShouldContain("ASPNETCORE_URLS=http://0.0.0.0:8080");
    }

    [Fact]
    public void The_systemd_unit_outlasts_the_drain_and_raises_the_descriptor_limit()
    {
        var unit = File.ReadAllLines(Path.Combine(RepoPaths.Root, "docs", "deploy", "herald.service"))
            .Where(l => l.Contains('=', StringComparison.Ordinal) && !l.StartsWith('#'))
            .Select(l => l.Split('=', 2))
            .ToLookup(kv => kv[0], kv => kv[1]);

        unit["User"].Single().ShouldNotBe("root");
        unit["Restart"].Single().ShouldBe("on-failure");
        long.Parse(unit["LimitNOFILE"].Single(), System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThanOrEqualTo(65536);
        var stop = TimeSpan.FromSeconds(int.Parse(unit["TimeoutStopSec"].Single(), System.Globalization.CultureInfo.InvariantCulture));
        stop.ShouldBeGreaterThan(new HeraldOptions().DrainTimeout);
        unit["Environment"].ShouldContain("Herald__DataDirectory=/var/lib/herald");
        unit["StateDirectory"].Single().ShouldBe("herald");
        unit["ExecStart"].Single().ShouldContain($"{typeof(HeraldServerApp).Assembly.GetName().Name}.dll");
    }

    private static string Instruction(string prefix) => Dockerfile.Single(l => l.StartsWith(prefix, StringComparison.Ordinal));
}
