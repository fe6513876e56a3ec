using System.CommandLine;
using Herald.Security.ApiKeys;
using Herald.Tooling.Keys;

namespace Herald.Server.Commands;

/// <summary>
/// The shared <c>keys create|list|revoke</c> against the server's own key store (the database in
/// ./herald-data), so keys can be made before the server ever runs. A running server sees
/// revocations within seconds and closes the key's connections.
/// </summary>
internal static class KeyCommands
{
    public static Command Create() => KeysCommand.Create(new KeysCommandSettings
    {
        Out = Console.Out,
        Error = Console.Error,
        Description = "Create, list and revoke API keys in this server's store.",
        Open = (_, _) =>
        {
            var services = HeraldServerApp.CreateBuilder([]).Services.BuildServiceProvider();
            return ValueTask.FromResult<IKeyManager>(new StoreKeyManager(services.GetRequiredService<ApiKeyService>(), services));
        },
    });
}
