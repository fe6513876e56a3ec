using Herald.Security.ApiKeys;
using Microsoft.EntityFrameworkCore;
using TaskService.Data;

namespace TaskService.Cli;

/// <summary>
/// Offline commands on the service's database, for a first API key without an admin API:
/// <c>seed [--user alice]</c>, <c>keys list</c>, <c>keys deactivate &lt;id&gt;</c>. Options and
/// configuration (<c>--TaskService:DataDirectory</c>, environment variables) as for the server.
/// Only results go to <c>stdout</c>, so <c>KEY=$(… seed)</c> works.
/// </summary>
public static class TaskServiceCli
{
    public const string Usage = """
        usage: TaskService seed [--user <id>] [--name <text>] [--max-connections <n>] [--requests-per-second <n>]
               TaskService keys list
               TaskService keys deactivate <key id>
        """;

    public static bool Handles(string command) => command is "seed" or "keys";

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        (string Name, string? Argument, string[] Options)? command = args switch
        {
            ["seed", .. var rest] => ("seed", null, rest),
            ["keys", "list", .. var rest] => ("list", null, rest),
            ["keys", "deactivate", var id, .. var rest] when !id.StartsWith('-') => ("deactivate", id, rest),
            _ => null,
        };
        if (command is not { } c)
        {
            await stderr.WriteLineAsync(Usage);
            return 2;
        }

        var configuration = Configuration(c.Options);
        await using var services = Services(configuration);
        await TaskDatabase.InitializeAsync(services.GetRequiredService<IDbContextFactory<TaskDbContext>>(), cancellationToken);
        var keys = services.GetRequiredService<ApiKeyService>();
        return c.Name switch
        {
            "seed" => await KeyCommands.SeedAsync(keys, configuration, stdout, stderr, cancellationToken),
            "list" => await KeyCommands.ListAsync(keys, stdout, cancellationToken),
            _ => await KeyCommands.DeactivateAsync(keys, c.Argument!, stdout, stderr, cancellationToken),
        };
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
        services.AddSingleton<ApiKeyService>();
        return services.BuildServiceProvider();
    }
}
