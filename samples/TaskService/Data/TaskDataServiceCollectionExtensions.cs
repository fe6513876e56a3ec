using Herald.Security.ApiKeys;
using Microsoft.EntityFrameworkCore;
using TaskService.ApiKeys;

namespace TaskService.Data;

public static class TaskDataServiceCollectionExtensions
{
    /// <summary>
    /// The database and the API key store over it: what the server and the CLI share. Call before
    /// AddHerald, so this <see cref="IApiKeyStore"/> wins over Herald's in-memory default.
    /// </summary>
    public static IServiceCollection AddTaskData(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TaskServiceOptions>()
            .Bind(configuration.GetSection(TaskServiceOptions.SectionName))
            .Validate(o => o.RequestsPerSecond > 0, "TaskService:RequestsPerSecond must be positive.")
            .ValidateOnStart();

        // A factory, not a scoped context: Herald's key store and authorizer are singletons, and
        // the background job has no request scope.
        services.AddDbContextFactory<TaskDbContext>(options => options.UseSqlite(TaskDatabase.ConnectionString(configuration)));
        services.AddSingleton<IApiKeyStore, EfApiKeyStore>();
        return services;
    }
}
