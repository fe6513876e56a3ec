using Herald.Client.Tests.Support;

namespace Herald.Client.Tests.Cli;

/// <summary>`herald token` mints what the server accepts, with the secret from wherever the server keeps it.</summary>
public sealed class TokenCommandTests
{
    [Fact]
    public async Task A_minted_token_connects_as_its_subject_with_its_attributes()
    {
        await using var server = await HeraldTestServer.StartAsync();
        var minted = await new CliRunner().RunAsync("token", "--sub", "carol", "--attr", "admin,publish", "--ttl", "600", "--secret", TestSettings.Secret);

        minted.ExitCode.ShouldBe(0, minted.ToString());
        var token = minted.Output.Lines.Single();
        await using var client = await server.ConnectAsync(token);
        (await client.NextOfTypeAsync("welcome")).Str("user").ShouldBe("carol");
        (await CliRunner.For(server, token).RunAsync("stats", "--json")).ExitCode.ShouldBe(0, "admin may read stats");
        (await CliRunner.For(server, token).RunAsync("publish", "public:t", "e")).ExitCode.ShouldBe(0, "publish may publish");
    }

    [Fact]
    public async Task The_secret_comes_from_the_environment_or_the_servers_data_directory()
    {
        await using var server = await HeraldTestServer.StartAsync();
        var fromEnvironment = await new CliRunner(new() { ["HERALD_JWT_SECRET"] = TestSettings.Secret }).RunAsync("token", "--sub", "dave");
        var directory = Directory.CreateTempSubdirectory("herald-cli-");
        try
        {
            Directory.CreateDirectory(Path.Combine(directory.FullName, "herald-data"));
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "herald-data", "jwt-secret"), TestSettings.Secret + "\n");
            var fromFile = await new CliRunner { CurrentDirectory = directory.FullName }.RunAsync("token", "--sub", "erin");
            var missing = await new CliRunner { CurrentDirectory = Path.GetTempPath() }.RunAsync("token", "--sub", "x", "--data-dir", "no-such-dir");

            foreach (var (result, user) in new[] { (fromEnvironment, "dave"), (fromFile, "erin") })
            {
                result.ExitCode.ShouldBe(0, result.ToString());
                await using var client = await server.ConnectAsync(result.Output.Lines.Single());
                (await client.NextOfTypeAsync("welcome")).Str("user").ShouldBe(user);
            }

            missing.ExitCode.ShouldBe(2);
            missing.Stderr.ShouldContain("no JWT secret");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
