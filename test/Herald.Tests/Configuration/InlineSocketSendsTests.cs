using Herald.Server;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Herald.Tests.Configuration;

/// <summary>
/// The standalone server sends on the thread that flushes (the fan-out), not through an I/O queue:
/// the handoff per delivery was about three quarters of a delivery's CPU. An operator can turn it off.
/// </summary>
public sealed class InlineSocketSendsTests
{
    [Theory]
    [InlineData(null, true)]
    [InlineData("false", false)]
    public async Task The_servers_sockets_send_inline_unless_turned_off(string? setting, bool inline)
    {
        await using var app = HeraldServerApp.Create([], builder =>
        {
            builder.Configuration.Sources.Clear();
            var settings = new Dictionary<string, string?> { ["Herald:Jwt:Secret"] = new string('s', 48) };
            if (setting is not null)
            {
                settings["Herald:InlineSocketSends"] = setting;
            }

            builder.Configuration.AddInMemoryCollection(settings);
        });

        app.Services.GetRequiredService<IOptions<SocketTransportOptions>>().Value.UnsafePreferInlineScheduling.ShouldBe(inline);
    }
}
