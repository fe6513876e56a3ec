using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Tests.Embedding;

/// <summary>A <c>Map</c> call without its <c>Add</c> call fails where it is made, naming the call to add.</summary>
public sealed class EmbeddingPrerequisiteTests
{
    [Theory]
    [InlineData("MapHerald")]
    [InlineData("MapHeraldApi")]
    [InlineData("MapHeraldHealth")]
    [InlineData("MapHeraldTicket")]
    public async Task Mapping_herald_without_AddHerald_names_AddHerald(string call)
    {
        await using var app = WebApplication.CreateBuilder().Build();

        var failure = Should.Throw<InvalidOperationException>(() => Map(app, call));

        failure.Message.ShouldStartWith(call + " needs");
        failure.Message.ShouldContain("builder.Services.AddHerald(");
    }

    [Theory]
    [InlineData("MapHeraldMetrics")]
    [InlineData("MapHeraldCluster")]
    public async Task Mapping_the_cluster_feed_without_AddCluster_names_AddCluster(string call)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Services.AddHerald();
        await using var app = builder.Build();

        var failure = Should.Throw<InvalidOperationException>(() => Map(app, call));

        failure.Message.ShouldStartWith(call + " needs the cluster feed");
        failure.Message.ShouldContain(".AddCluster()");
    }

    private static void Map(WebApplication app, string call)
    {
        switch (call)
        {
            case "MapHerald": app.MapHerald("/ws"); break;
            case "MapHeraldApi": app.MapHeraldApi("/api"); break;
            case "MapHeraldHealth": app.MapHeraldHealth("/health"); break;
            case "MapHeraldTicket": app.MapHeraldTicket("/ticket", cookiePath: "/ws"); break;
            case "MapHeraldMetrics": app.MapHeraldMetrics("/metrics"); break;
            case "MapHeraldCluster": app.MapHeraldCluster("/ws/cluster"); break;
            default: throw new ArgumentOutOfRangeException(nameof(call), call, null);
        }
    }
}
