using Herald.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Herald.Tests.Configuration;

/// <summary>
/// The standalone server's own keys (<c>Store</c>, <c>DataDirectory</c>, ...) keep their names for
/// operators, but an application embedding Herald has no such options, so there they are mistakes.
/// </summary>
public sealed class ServerOnlyKeyTests
{
    [Fact]
    public async Task A_misspelt_store_fails_the_servers_start_up_as_a_configuration_mistake()
    {
        var failure = await Should.ThrowAsync<OptionsValidationException>(async () =>
        {
            await using var server = await HeraldTestServer.StartAsync(new() { ["Herald:Store"] = "sqllite" });
        });

        failure.Message.ShouldContain("Herald:Store must be memory, sqlite, postgres or redis, not 'sqllite'.");
    }

    [Theory]
    [InlineData("Herald:Store", "sqlite")]
    [InlineData("Herald:DataDirectory", "data")]
    [InlineData("Herald:ClusterFeed", "true")]
    public void A_server_key_in_an_embedding_application_is_reported_not_ignored(string key, string value)
    {
        var failure = Should.Throw<OptionsValidationException>(() => Embedding(new() { [key] = value }, (_, _) => { }));

        failure.Message.ShouldContain(key + " is not a Herald option");
    }

    [Fact]
    public void UsePostgres_on_the_Herald_Postgres_section_declares_that_section()
    {
        var settings = new Dictionary<string, string?> { ["Herald:Postgres:ConnectionString"] = "Host=unused" };
        using var declared = Embedding(settings, (herald, configuration) => herald.UsePostgres(configuration.GetSection("Herald:Postgres")));
        declared.Services.GetRequiredService<IOptions<HeraldOptions>>().Value.ShouldNotBeNull();

        Should.Throw<OptionsValidationException>(() => Embedding(settings, (_, _) => { }))
            .Message.ShouldContain("Herald:Postgres is not a Herald option");
    }

    /// <summary>Built, not started: the options check runs as the host is built, before any store connects.</summary>
    private static WebApplication Embedding(Dictionary<string, string?> settings, Action<IHeraldBuilder, IConfiguration> compose)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        compose(builder.Services.AddHerald(builder.Configuration.GetSection("Herald")), builder.Configuration);
        return builder.Build();
    }
}
