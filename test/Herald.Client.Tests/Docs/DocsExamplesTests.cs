using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;
using Herald.Client.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Herald.Client.Tests.Docs;

/// <summary>docs/clients/dotnet.md shows exactly the examples of <see cref="DotnetGuideExamples"/>, and they work.</summary>
public sealed partial class DocsExamplesTests
{
    [Fact]
    public void The_guide_shows_every_example_exactly_as_compiled()
    {
        var guide = File.ReadAllText(RepoPaths.Docs("clients/dotnet.md")).ReplaceLineEndings("\n");
        var snippets = CompiledExamples();

        snippets.Keys.ShouldBe(["quick-start", "keyed-state", "options", "credentials", "server-sent-events"], ignoreOrder: true);
        foreach (var (name, code) in snippets)
        {
            guide.ShouldContain($"<!-- snippet: {name} -->\n```csharp\n{code}\n```", Case.Sensitive, $"docs/clients/dotnet.md must show the '{name}' example as compiled");
        }
    }

    [Fact]
    public async Task The_quick_start_prints_each_order()
    {
        await using var server = await HeraldTestServer.StartAsync();
        var output = new LineWriter();
        using var stop = new CancellationTokenSource();
        var run = DotnetGuideExamples.QuickStartAsync(server.WebSocketUri(), new Tokens(server), output, stop.Token);
        await Eventually.TrueAsync(() => ChannelHasSubscriber(server, "public:orders"), "the example subscribed");

        await server.PublishAsync("public:orders", "order.placed", new { id = 7, total = 12.5 });
        await server.PublishAsync("public:orders", "order.placed", new { id = 8, total = 3 });
        await output.WaitForAsync(l => l.StartsWith("#2", StringComparison.Ordinal), "two orders printed");
        await stop.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => run);
        output.Lines.ShouldBe(["#1 order.placed: order 7 for 12.5", "#2 order.placed: order 8 for 3"]);
    }

    [Fact]
    public async Task The_keyed_state_example_keeps_the_latest_item_per_key()
    {
        await using var server = await HeraldTestServer.StartAsync();
        await server.PublishAsync("public:job-42", "task.status", new { status = "queued" }, key: "task:1");
        await server.PublishAsync("public:job-42", "task.status", new { status = "queued" }, key: "task:2");
        await using var client = FastClients.Create(server.WebSocketUri(), server.Token("alice"));
        var tasks = new ConcurrentDictionary<string, JsonElement>();
        using var stop = new CancellationTokenSource();
        var run = DotnetGuideExamples.KeyedStateAsync(client, tasks, TextWriter.Null, stop.Token);
        await Eventually.TrueAsync(() => tasks.Count == 2, "the snapshot applied");

        await server.PublishAsync("public:job-42", "task.status", new { status = "done" }, key: "task:1");
        await server.PublishAsync("public:job-42", "task.removed", key: "task:2", tombstone: true);
        await Eventually.TrueAsync(() => tasks.Count == 1 && tasks["task:1"].GetProperty("status").GetString() == "done", "the events applied");
        await stop.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => run);
    }

    [Fact]
    public async Task The_options_and_credentials_examples_connect()
    {
        await using var server = await HeraldTestServer.StartAsync();
        var admin = CliRunner.For(server, server.Token("root", "admin"));
        var key = (await admin.RunAsync("keys", "create", "--owner", "svc")).Output.Lines.Single();
        var logins = new ConcurrentQueue<bool>();

        await using var tuned = DotnetGuideExamples.Tuned(server.WebSocketUri(), key, NullLogger.Instance);
        await using var withLogin = DotnetGuideExamples.WithLogin(server.WebSocketUri(), (forceNew, _) =>
        {
            logins.Enqueue(forceNew);
            return Task.FromResult<string?>(server.Token("alice"));
        });

        await tuned.ConnectAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await withLogin.ConnectAsync().WaitAsync(TimeSpan.FromSeconds(10));
        tuned.Welcome!.User.ShouldBe("svc");
        withLogin.Welcome!.User.ShouldBe("alice");
        logins.ShouldBe([false]);
    }

    [Fact]
    public async Task The_server_sent_events_example_streams()
    {
        await using var server = await HeraldTestServer.StartAsync();
        var admin = CliRunner.For(server, server.Token("root", "admin"));
        var key = (await admin.RunAsync("keys", "create", "--owner", "svc")).Output.Lines.Single();
        await using var client = DotnetGuideExamples.OverServerSentEvents(server.WebSocketUri(), key);

        await using var news = await client.SubscribeAsync("public:news").WaitAsync(TimeSpan.FromSeconds(10));
        await using var reader = new UpdateReader(news);
        await server.PublishAsync("public:news", "published");

        (await reader.NextAsync<HeraldEvent>()).Event.ShouldBe("published");
        client.Welcome!.User.ShouldBe("svc");
    }

    /// <summary>The regions of <see cref="DotnetGuideExamples"/> by snippet name, dedented as the guide shows them.</summary>
    internal static Dictionary<string, string> CompiledExamples(string file = "DotnetGuideExamples.cs")
    {
        var source = File.ReadAllText(Path.Combine(RepoPaths.Root, "test", "Herald.Client.Tests", "Docs", file)).ReplaceLineEndings("\n");
        return Snippet().Matches(source).ToDictionary(m => m.Groups[1].Value, m => Dedent(m.Groups[2].Value));
    }

    private static bool ChannelHasSubscriber(HeraldTestServer server, string channel) =>
        server.GetAsync("/api/channels", server.Token("root", "admin")).Result.Content.ReadAsStringAsync().Result.Contains(channel, StringComparison.Ordinal);

    private static string Dedent(string block)
    {
        var lines = block.Split('\n');
        var indent = lines.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
        return string.Join('\n', lines.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart()));
    }

    [GeneratedRegex(@"// begin-snippet: (\S+)\n(.*?)\n\s*// end-snippet", RegexOptions.Singleline)]
    private static partial Regex Snippet();

    private sealed class Tokens(HeraldTestServer server) : DotnetGuideExamples.ITokenSource
    {
        public ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult<string?>(server.Token("alice"));
    }
}
