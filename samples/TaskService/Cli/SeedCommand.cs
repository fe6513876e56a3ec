using System.Globalization;
using Herald.Security.ApiKeys;
using TaskService.ApiKeys;

namespace TaskService.Cli;

/// <summary><c>seed</c>: a first key for a user; Herald's ApiKeyService makes the key, the sample's store keeps its hash.</summary>
internal static class SeedCommand
{
    public static async Task<int> SeedAsync(ApiKeyService keys, IConfiguration options, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var user = options["user"] ?? "alice";
        if (!UserIds.IsValid(user))
        {
            await stderr.WriteLineAsync($"--user must be 1-{UserIds.MaxLength} characters of [A-Za-z0-9_.@=-].");
            return 2;
        }

        if (!TryInt(options["max-connections"], out var maxConnections) || !TryInt(options["requests-per-second"], out var requestsPerSecond))
        {
            await stderr.WriteLineAsync("--max-connections and --requests-per-second must be positive whole numbers.");
            return 2;
        }

        var name = options["name"] ?? $"key for {user}";
        var (record, key) = await keys.CreateAsync(name, user, [], maxConnections, requestsPerSecond, cancellationToken);
        await stderr.WriteLineAsync($"Created API key {record.Id} for user '{user}' (the key is on stdout; it is shown only this once).");
        await stdout.WriteLineAsync(key);
        return 0;
    }

    private static bool TryInt(string? text, out int? value)
    {
        value = null;
        if (text is null)
        {
            return true;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed > 0)
        {
            value = parsed;
            return true;
        }

        return false;
    }
}
