using Herald.Security;
using TaskService.ApiKeys;
using TaskService.Background;
using TaskService.Data;
using TaskService.Http;
using TaskService.Jobs;
using TaskService.Realtime;
using TaskService.Tasks;

namespace TaskService;

public static class TaskServiceCollectionExtensions
{
    /// <summary>Everything the service needs: the application's own services and Herald, with the application's key store.</summary>
    public static IServiceCollection AddTaskService(this IServiceCollection services, IConfiguration configuration)
    {
        // First, so the schema exists before anything (Herald's key monitor included) reads it.
        services.AddHostedService<DatabaseInitializer>();
        services.AddTaskData(configuration);

        services.AddSingleton<IChannelAuthorizer, TaskRoomAuthorizer>();
        services.AddSingleton<TaskEventPublisher>();
        services.AddSingleton<TaskRepository>();
        services.AddSingleton<JobRepository>();
        services.AddSingleton<RequestRateLimiter>();

        services.AddOptions<StatusAdvancerOptions>()
            .Bind(configuration.GetSection(StatusAdvancerOptions.SectionName))
            .Validate(o => o.Interval > TimeSpan.Zero && o.BatchSize > 0, "TaskService:StatusAdvancer needs a positive Interval and BatchSize.")
            .ValidateOnStart();
        services.AddHostedService<TaskStatusAdvancer>();

        services.ConfigureHttpJsonOptions(o => TaskJson.Configure(o.SerializerOptions));
        var herald = services.AddHerald(configuration.GetSection("Herald"))
            .AddApiKeys<EfApiKeyStore>();
        if (configuration.GetSection(TaskServiceOptions.SectionName)[nameof(TaskServiceOptions.Redis)] is { Length: > 0 } redis)
        {
            // The seed's "Redis backend" for limits: a key's rate holds across instances, not per instance.
            herald.UseRedisLimits(o => o.ConnectionString = redis);
        }

        return services;
    }
}
