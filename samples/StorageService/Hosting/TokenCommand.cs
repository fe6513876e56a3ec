using System.CommandLine;
using Herald.Tooling.Tokens;

namespace StorageService.Hosting;

/// <summary>
/// <c>token --sub alice --attr storage:aips:list,storage:aips:read [--ttl 28800]</c>: Herald's
/// shared <c>token</c>, on the sample's configuration and its data directory (<c>./storage-data</c>),
/// for the dashboard's sign-in and for curl.
/// </summary>
internal static class TokenCommand
{
    public const string Name = "token";

    public static int Run(string[] args)
    {
        var configuration = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory }).Configuration;
        var root = new RootCommand("StorageService commands. Without a command, the service starts.")
        {
            Herald.Tooling.Tokens.TokenCommand.Create(new TokenCommandSettings
            {
                Out = Console.Out,
                Error = Console.Error,
                Name = "storage",
                Environment = Environment.GetEnvironmentVariable,
                Setting = key => configuration[key],
                DataDirectoryKey = StorageSettings.DataDirectoryKey,
                DefaultDataDirectory = StorageSettings.DefaultDataDirectory,
                CreateSecret = true,
                DefaultTtlSeconds = 8 * 3600,
            }),
        };
        return root.Parse(args).Invoke();
    }
}
