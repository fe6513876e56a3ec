using System.CommandLine;
using Herald.Security.ApiKeys;

namespace Herald.Server.Commands;

/// <summary>
/// <c>keys create|list|revoke</c> against the server's own key store (the database in
/// ./herald-data), so keys can be made before the server ever runs. A running server sees
/// revocations within seconds and closes the key's connections.
/// </summary>
internal static class KeyCommands
{
    public static Command Create()
    {
        var keys = new Command("keys", "Create, list and revoke API keys in this server's store.");
        keys.Subcommands.Add(CreateCommand());
        keys.Subcommands.Add(ListCommand());
        keys.Subcommands.Add(RevokeCommand());
        return keys;
    }

    private static Command CreateCommand()
    {
        var owner = new Option<string>("--owner") { Description = "The subject the key acts as.", Required = true };
        var name = new Option<string>("--name") { Description = "A label for people.", DefaultValueFactory = _ => "" };
        var attr = new Option<string>("--attr") { Description = "Comma-separated attributes, e.g. publish.", DefaultValueFactory = _ => "" };
        var command = new Command("create", "Create a key; it is printed once, on stdout.") { owner, name, attr };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = Services();
            var attributes = parse.GetValue(attr)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var (record, key) = await services.GetRequiredService<ApiKeyService>().CreateAsync(parse.GetValue(name)!, parse.GetValue(owner)!, attributes, null, null, cancellationToken);
            Console.Error.WriteLine($"created {record.Id} for {record.Owner}; the key is shown only now:");
            Console.WriteLine(key);
            return 0;
        });
        return command;
    }

    private static Command ListCommand()
    {
        var command = new Command("list", "List keys (never the keys themselves).");
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = Services();
            foreach (var k in await services.GetRequiredService<IApiKeyStore>().ListAsync(cancellationToken))
            {
                Console.WriteLine($"{k.Id}\t{(k.Active ? "active" : "revoked")}\t{k.Owner}\t{string.Join(',', k.Attributes)}\t{k.Name}\tlast used {k.LastUsedAt?.ToString("u") ?? "never"}");
            }

            return 0;
        });
        return command;
    }

    private static Command RevokeCommand()
    {
        var id = new Argument<string>("id") { Description = "The key id (k_…)." };
        var command = new Command("revoke", "Revoke a key.") { id };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = Services();
            if (!await services.GetRequiredService<IApiKeyStore>().RevokeAsync(parse.GetValue(id)!, cancellationToken))
            {
                Console.Error.WriteLine($"error: no key '{parse.GetValue(id)}'");
                return 1;
            }

            Console.Error.WriteLine($"revoked {parse.GetValue(id)}");
            return 0;
        });
        return command;
    }

    private static ServiceProvider Services() => HeraldServerApp.CreateBuilder([]).Services.BuildServiceProvider();
}
