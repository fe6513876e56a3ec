using Herald.Server;
using Herald.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Herald.Tests.Configuration;

/// <summary>Configuration as operators write it: upper-case environment variables, and typos.</summary>
public sealed class ConfigurationKeyTests
{
    [Fact]
    public async Task An_upper_case_environment_override_reaches_the_lower_case_namespace()
    {
        // The real environment-variable provider, behind a prefix of this test's own so tests
        // running in parallel do not see each other's variables.
        var prefix = "HERALDTEST_" + Guid.NewGuid().ToString("N")[..8] + "_";
        Environment.SetEnvironmentVariable(prefix + "HERALD__NAMESPACES__PUBLIC__HISTORYSIZE", "3");
        try
        {
            await using var server = await HeraldTestServer.StartAsync(null, settings => HeraldServerApp.Create([], builder =>
            {
                builder.Configuration.Sources.Clear();
                builder.Configuration.AddInMemoryCollection(settings);
                builder.Configuration.AddEnvironmentVariables(prefix);
            }));
            var epoch = "";
            for (var i = 1; i <= 5; i++)
            {
                epoch = (await server.PublishAsync("public:news", "story", new { n = i })).Epoch;
            }

            await using var client = await server.ConnectWelcomedAsync(server.Token("alice"));
            await client.SendAsync(new { type = "subscribe", id = 1, channel = "public:news", since = new { epoch, offset = 1 } });

            var subscribed = await client.NextAsync();
            subscribed.Str("type").ShouldBe("subscribed", "public: must still be a namespace, not INVALID_CHANNEL");
            subscribed.GetProperty("recovered").GetBoolean().ShouldBeFalse("HistorySize 3 keeps offsets 3-5 only, so since 1 cannot be covered");
        }
        finally
        {
            Environment.SetEnvironmentVariable(prefix + "HERALD__NAMESPACES__PUBLIC__HISTORYSIZE", null);
        }
    }

    [Theory]
    [InlineData("Herald:PingIntervall", "Herald:PingIntervall", "Did you mean 'PingInterval'?")]
    [InlineData("Herald:Namespaces:public:HistorySise", "Herald:Namespaces:public:HistorySise", "Did you mean 'HistorySize'?")]
    [InlineData("Herald:Jwt:Issuerr", "Herald:Jwt:Issuerr", "Did you mean 'Issuer'?")]
    [InlineData("Herald:Namespaces:storage:EventRules:0:Atributes:0", "Herald:Namespaces:storage:EventRules:0:Atributes", "Did you mean 'Attributes'?")]
    [InlineData("Herald:Colour", "Herald:Colour", "is not a Herald option")]
    [InlineData("Herald:PingInterval:Seconds", "Herald:PingInterval:Seconds", "takes a single value")]
    public async Task A_misspelt_or_unknown_option_fails_start_up_naming_the_key(string key, string named, string hint)
    {
        var failure = await Should.ThrowAsync<OptionsValidationException>(async () =>
        {
            await using var server = await HeraldTestServer.StartAsync(new() { [key] = "1" });
        });

        failure.Message.ShouldContain(named + " ");
        failure.Message.ShouldContain(hint);
    }

    [Fact]
    public async Task Known_options_in_any_case_and_the_servers_own_keys_start()
    {
        await using var server = await HeraldTestServer.StartAsync(new()
        {
            ["HERALD:PINGINTERVAL"] = "20",
            ["Herald:ListenBacklog"] = "128",
            ["Herald:Postgres:ConnectionString"] = "Host=unused",
            ["Herald:AllowedOrigins:0"] = "https://app.example.com",
        });

        await using var client = await server.ConnectAsync(server.Token("alice"));
        (await client.NextOfTypeAsync("welcome")).Long("ping_interval").ShouldBe(20);
    }

    [Fact]
    public async Task The_server_binary_prints_the_mistake_and_exits_non_zero()
    {
        var (exitCode, printed) = await ServerProcess.RunToExitAsync(new Dictionary<string, string> { ["HERALD__PINGINTERVL"] = "10" });

        exitCode.ShouldBe(2);
        printed.ShouldContain("Herald:PINGINTERVL is not a Herald option");
        printed.ShouldContain("Did you mean 'PingInterval'?");
        printed.ShouldNotContain("   at ", customMessage: "an operator's mistake gets a sentence, not a stack trace");
    }
}
