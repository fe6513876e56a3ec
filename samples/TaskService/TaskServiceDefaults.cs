using Microsoft.Extensions.Configuration.Memory;

namespace TaskService;

/// <summary>
/// The deployment of PRODUCT.md 4.2 as configuration, at the lowest precedence: environment
/// variables (<c>Herald__MaxConnectionsPerIp=20</c>) and arguments (<c>--urls …</c>) override any of it.
/// In code rather than appsettings.json so the sample runs the same from any directory.
/// </summary>
public static class TaskServiceDefaults
{
    public const string Url = "http://127.0.0.1:9002";

    public static IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["urls"] = Url,

        // EF Core logs every SQL command at Information; the walk-through's terminal stays readable.
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",

        // Rooms. A namespace exists once it has a setting, hence the explicit history sizes.
        ["Herald:Namespaces:job:HistorySize"] = "1000",
        ["Herald:Namespaces:task:HistorySize"] = "1000",
        ["Herald:Namespaces:user:HistorySize"] = "1000",
        ["Herald:Namespaces:user:SubscribeChannels:0"] = "user:{sub}",

        // Limits: 10 WebSocket connections per IP (4.2), and per key unless the key says otherwise.
        ["Herald:MaxConnectionsPerIp"] = "10",
        ["Herald:MaxConnectionsPerCredential"] = "10",
        ["Herald:MessagesPerSecond"] = "20",

        // wscat answers no {"type":"ping"}: tolerate 5 minutes of client silence rather than one,
        // so a walk-through's terminal stays connected. Client libraries answer pings anyway.
        ["Herald:HeartbeatGrace"] = "240",

        ["TaskService:DataDirectory"] = "taskservice-data",
        ["TaskService:RequestsPerSecond"] = "20",
        ["TaskService:StatusAdvancer:Enabled"] = "true",
        ["TaskService:StatusAdvancer:Interval"] = "00:00:10",
    };

    /// <summary>Adds the defaults beneath every source already in <paramref name="configuration"/>.</summary>
    public static void AddTo(IConfigurationBuilder configuration) =>
        configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = Settings });
}
