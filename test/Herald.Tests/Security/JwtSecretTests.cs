using Herald.Tests.Support;
using Herald.Tooling.Tokens;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Herald.Tests.Security;

/// <summary>A JWT secret the server cannot use is refused at start-up; a token it cannot accept is logged with why.</summary>
public sealed class JwtSecretTests
{
    private const string ShortSecret = "too-short-secret";

    [Fact]
    public async Task A_secret_shorter_than_32_bytes_fails_start_up_saying_what_to_do()
    {
        var failure = await Should.ThrowAsync<OptionsValidationException>(async () =>
        {
            await using var server = await HeraldTestServer.StartAsync(new() { ["Herald:Jwt:Secret"] = ShortSecret });
        });

        failure.Message.ShouldContain("Herald:Jwt:Secret is 16 bytes; HS256 needs at least 32");
        failure.Message.ShouldContain("openssl rand -base64 32");
        failure.Message.ShouldNotContain(ShortSecret, customMessage: "the secret itself is never printed");
    }

    [Fact]
    public async Task The_server_binary_refuses_a_short_secret_with_one_sentence_and_exit_code_2()
    {
        var (exitCode, printed) = await ServerProcess.RunToExitAsync(new Dictionary<string, string> { ["HERALD__JWT__SECRET"] = ShortSecret });

        exitCode.ShouldBe(2, printed);
        printed.ShouldContain("Herald:Jwt:Secret is 16 bytes; HS256 needs at least 32");
        printed.ShouldNotContain(ShortSecret);
        printed.ShouldNotContain("   at ");
    }

    [Fact]
    public async Task A_rejected_token_is_logged_at_warning_with_the_reason_but_not_the_token()
    {
        var captured = new CapturingLoggerProvider();
        await using var server = await HeraldTestServer.StartAsync(null, services => services.AddSingleton<ILoggerProvider>(captured));
        var foreign = DevJwt.Create("another-secret-0123456789-abcdefghijklmnop", "mallory", [], TimeSpan.FromMinutes(5), DateTimeOffset.UtcNow);

        await using var client = await server.ConnectAsync(foreign);
        (await client.NextOfTypeAsync("error")).Str("message").ShouldBe("The token is not valid.");

        await Eventually.TrueAsync(() => captured.Lines.Any(l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("A JWT was rejected: its signature does not match", StringComparison.Ordinal)), "the rejection logged at Warning");
        captured.Lines.ShouldAllBe(line => !line.Contains(foreign) && !line.Contains(foreign.Split('.')[2]));
    }
}
