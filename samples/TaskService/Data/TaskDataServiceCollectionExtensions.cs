using Microsoft.EntityFrameworkCore;
using TaskService.ApiKeys;

namespace TaskService.Data;

public static class TaskDataServiceCollectionExtensions
{
    /// <summary>
    /// The database: what the server and the CLI share. Both keep API keys in it through
    /// <see cref="EfApiKeyStore"/>; the server hands that to Herald with <c>AddApiKeys</c>.
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
        return services;
    }
}
