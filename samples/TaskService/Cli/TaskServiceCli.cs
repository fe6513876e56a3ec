using System.CommandLine;
using Herald.Server.Commands;
using Herald.Security.ApiKeys;
using Herald.Tooling.Keys;
using Microsoft.EntityFrameworkCore;
using TaskService.ApiKeys;
using TaskService.Data;

namespace TaskService.Cli;

/// <summary>
/// Offline commands on the service's database, for a first API key without an admin API:
/// <c>seed [--user alice]</c>, and Herald's shared <c>keys create|list|revoke</c> (<c>deactivate</c>
/// is <c>revoke</c>). Options and configuration (<c>--TaskService:DataDirectory</c>, environment
/// variables) as for the server. Only results go to <c>stdout</c>, so <c>KEY=$(… seed)</c> works.
/// </summary>
public static class TaskServiceCli
{
    public const string Usage = """
        usage: TaskService seed [--user <id>] [--name <text>] [--max-connections <n>] [--requests-per-second <n>]
               TaskService keys create --owner <user id> [--name <text>] [--max-connections <n>] [--publishes-per-second <n>]
               TaskService keys list [--json]
               TaskService keys deactivate <key id>   (or keys revoke)
        """;

    public static bool Handles(string command) => command is "seed" or "keys";

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        if (args is ["seed", .. var options])
        {
            var configuration = Configuration(options);
            await using var services = await OpenAsync(configuration, cancellationToken);
            return await SeedCommand.SeedAsync(services.GetRequiredService<ApiKeyService>(), configuration, stdout, stderr, cancellationToken);
        }

        if (args is not ["keys", _, ..])
        {
            await stderr.WriteLineAsync(Usage);
            return 2;
        }

        var root = new RootCommand("TaskService: a task data service that embeds Herald.");
        root.Subcommands.Add(KeysCommand.Create(new KeysCommandSettings
        {
            Out = stdout,
            Error = stderr,
            Name = "TaskService",
            Description = "Create, list and deactivate API keys in the service's database.",
            RevokeAliases = ["deactivate"],
            AllowUnmatchedTokens = true,
            Open = async (parse, ct) =>
            {
                var services = await OpenAsync(Configuration([.. parse.UnmatchedTokens]), ct);
                return new StoreKeyManager(services.GetRequiredService<ApiKeyService>(), services, owner => UserIds.IsValid(owner) ? null : $"--owner must be 1-{UserIds.MaxLength} characters of [A-Za-z0-9_.@=-]");
            },
        }));
        return await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr }, cancellationToken);
    }

    private static async Task<ServiceProvider> OpenAsync(IConfiguration configuration, CancellationToken cancellationToken)
    {
        var services = Services(configuration);
        await TaskDatabase.InitializeAsync(services.GetRequiredService<IDbContextFactory<TaskDbContext>>(), cancellationToken);
        return services;
    }

    private static IConfiguration Configuration(string[] options)
    {
        var builder = new ConfigurationBuilder();
        TaskServiceDefaults.AddTo(builder);
        return builder.AddEnvironmentVariables().AddCommandLine(options).Build();
    }

    private static ServiceProvider Services(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddSingleton(TimeProvider.System);
        services.AddTaskData(configuration);
        services.AddSingleton<IApiKeyStore, EfApiKeyStore>();
        services.AddSingleton<ApiKeyService>();
        return services.BuildServiceProvider();
    }
}
