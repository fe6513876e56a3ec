using System.Net.Http.Json;
using System.Text.Json;
using Herald.AspNetCore.Authentication;
using Herald.Configuration;
using Microsoft.Extensions.Options;

namespace Herald.Client.Tests.Docs;

/// <summary>
/// Every C# block a reader may copy is compiled. The line before its fence says how:
/// <c>&lt;!-- snippet: program --&gt;</c> is a whole <c>Program.cs</c>, built into a generated
/// <c>dotnet new web</c> app with the <c>appsettings</c> JSON block and run; a name of
/// <see cref="DotnetGuideExamples"/> is compiled there (and compared by <see cref="DocsExamplesTests"/>);
/// <c>fragment</c> says the block is an excerpt that does not compile alone.
/// </summary>
public sealed class DocsCodeBlocksTests
{
    private const string Program = "program";
    private const string Settings = "appsettings";
    private const string Fragment = "fragment";

    [Fact]
    public void Every_csharp_block_is_compiled_by_a_test_or_marked_a_fragment()
    {
        var compiled = DocsExamplesTests.CompiledExamples().Keys.Concat(WireFormatGuideTests.CompiledExamples().Keys).Append(Program).Append(Fragment).ToHashSet(StringComparer.Ordinal);

        var blocks = MarkdownCodeBlock.Pages().SelectMany(MarkdownCodeBlock.Read).Where(b => b.IsCSharp).ToList();

        blocks.ShouldContain(b => b.Marker == Program, "the README's embedding example is a program");
        blocks.Where(b => b.Marker is null || !compiled.Contains(b.Marker)).Select(b => b.ToString()).ShouldBeEmpty(
            "mark each C# block with <!-- snippet: program -->, the name of a DotnetGuideExamples region, or <!-- snippet: fragment -->");
        blocks.Count(b => b.Marker == Program).ShouldBe(1, "one generated app has one Program.cs");
    }

    [Fact]
    public async Task The_readme_embedding_program_builds_runs_and_serves_a_websocket()
    {
        var readme = MarkdownCodeBlock.Read("README.md").ToList();
        var program = readme.Single(b => b.Marker == Program && b.IsCSharp).Code;
        var settings = readme.Single(b => b.Marker == Settings && b.Language == "json").Code;
        await using var app = await SnippetApp.BuildAsync(program, settings);
        await app.StartAsync();
        var tokens = Issuer(settings);
        using var http = new HttpClient { BaseAddress = app.BaseAddress };

        await using var client = await TestClient.ConnectAsync(WebSocket(app, "/ws", tokens.Issue("alice", [], TimeSpan.FromMinutes(5))));
        await client.NextOfTypeAsync("welcome");
        await client.SendAsync(new { type = "subscribe", id = 1, channel = "job:42" });
        await client.NextOfTypeAsync("subscribed");
        (await http.PostAsync("/jobs/42", null)).EnsureSuccessStatusCode();
        var published = await client.NextOfTypeAsync("event");
        published.Str("event").ShouldBe("TASK_CREATED");
        published.GetProperty("data").Str("id").ShouldBe("42");

        await using var monitor = await TestClient.ConnectAsync(WebSocket(app, "/storage/monitor", tokens.Issue("ops", ["storage"], TimeSpan.FromMinutes(5))));
        await monitor.NextOfTypeAsync("welcome");
        (await monitor.NextOfTypeAsync("subscribed")).Str("channel").ShouldBe("storage");
        (await http.GetFromJsonAsync<JsonElement>("/health/ready")).Str("status").ShouldBe("Healthy");
        (await http.GetAsync("/metrics")).EnsureSuccessStatusCode();
        app.Output.ShouldNotContain("warn: Herald", Case.Sensitive, "the documented configuration is complete");
    }

    private static Uri WebSocket(SnippetApp app, string path, string token) =>
        new UriBuilder(app.BaseAddress!) { Scheme = "ws", Path = path, Query = "token=" + Uri.EscapeDataString(token) }.Uri;

    private static DevTokenIssuer Issuer(string appsettings)
    {
        using var json = JsonDocument.Parse(appsettings);
        var secret = json.RootElement.GetProperty("Herald").GetProperty("Jwt").Str("Secret");
        return new DevTokenIssuer(Options.Create(new HeraldOptions { Jwt = { Secret = secret } }), TimeProvider.System);
    }
}
