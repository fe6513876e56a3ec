namespace Herald.Client.Tests.ClientScript;

/// <summary>The MSBuild step that builds clients/js for /herald.js, on a machine without Node.js.</summary>
public sealed class ClientScriptBuildTests
{
    private const string Target = "HeraldBuildClientScript";

    [Fact]
    public async Task A_stale_client_without_Node_fails_the_build_with_one_sentence_saying_what_to_do()
    {
        using var build = new ClientScriptBuild();

        var (exitCode, output) = await build.RunWithoutNodeAsync(Target);

        exitCode.ShouldNotBe(0, output);
        var errors = output.Split('\n').Where(line => line.Contains(": error ", StringComparison.Ordinal)).ToList();
        errors.Count.ShouldBe(1, output);
        errors[0].ShouldContain("Building Herald needs Node.js 20+ and npm for the browser client (clients/js): install them, or build with -p:HeraldClientScript=false");
        File.Exists(build.Output).ShouldBeFalse();
    }

    [Fact]
    public async Task An_up_to_date_client_builds_without_Node()
    {
        // What test.sh leaves after its own `npm ci && npm run build`: the .NET build must not run npm again.
        using var build = new ClientScriptBuild();
        build.MarkBuilt();

        var (exitCode, output) = await build.RunWithoutNodeAsync(Target);

        // Running either npm step would have failed on the missing Node.js, so success means both were skipped.
        exitCode.ShouldBe(0, output);
        File.ReadAllText(build.Output).ShouldBe("export class HeraldClient {}");
    }
}
