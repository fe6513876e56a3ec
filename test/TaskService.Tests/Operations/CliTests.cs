using System.Net;
using TaskService.Cli;
using TaskService.Tests.Support;

namespace TaskService.Tests.Operations;

/// <summary>The README's first step: <c>seed</c> prints a working key; <c>keys deactivate</c> stops it.</summary>
public sealed class CliTests
{
    [Fact]
    public async Task Seed_prints_a_key_the_service_accepts_and_keys_deactivate_revokes_it()
    {
        var directory = TaskServiceHost.NewDataDirectory();
        var (code, key, _) = await RunAsync("seed", "--user", "dave", "--TaskService:DataDirectory", directory);
        code.ShouldBe(0);
        key.ShouldStartWith("hk_");

        await using var host = await TaskServiceHost.StartAsync(directory: directory);
        var dave = new TestKey("k_" + key.Split('_')[1], key, "dave");
        using (var created = await host.SendAsync(HttpMethod.Post, "/api/jobs", dave, new { name = "from the README" }))
        {
            created.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        var (listed, list, _) = await RunAsync("keys", "list", "--TaskService:DataDirectory", directory);
        listed.ShouldBe(0);
        list.ShouldContain(dave.Id + "\tactive\tdave\t");

        (await RunAsync("keys", "deactivate", dave.Id, "--TaskService:DataDirectory", directory)).Code.ShouldBe(0);
        (await RunAsync("keys", "list", "--TaskService:DataDirectory", directory)).Stdout.ShouldContain(dave.Id + "\trevoked\tdave\t");
        using var refused = await host.SendAsync(HttpMethod.Post, "/api/jobs", dave, new { name = "again" });
        refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        (await RunAsync("keys", "deactivate", "k_nope", "--TaskService:DataDirectory", directory)).Code.ShouldBe(1);
        (await RunAsync("seed", "--user", "not a user", "--TaskService:DataDirectory", directory)).Code.ShouldBe(2);
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await TaskServiceCli.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString().Trim(), stderr.ToString());
    }
}
