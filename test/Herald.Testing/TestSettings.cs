namespace Herald.Testing;

/// <summary>A hermetic configuration: tests never read the server's shipped appsettings.json.</summary>
public static class TestSettings
{
    public const string Secret = "test-secret-0123456789-abcdefghijklmnopqrstuvwxyz";

    /// <summary>The standalone server's own keys, which an application embedding Herald does not have.</summary>
    public static Dictionary<string, string?> ForEmbedding(Dictionary<string, string?> settings)
    {
        foreach (var key in new[] { "Herald:ClusterFeed", "Herald:Store", "Herald:DataDirectory" })
        {
            settings.Remove(key);
        }

        return settings;
    }

    public static Dictionary<string, string?> Defaults() => new()
    {
        ["Herald:Jwt:Secret"] = Secret,
        ["Herald:NodeId"] = "test-node",

        // Per-test fresh state, as these tests expect; the storage tests choose sqlite or postgres themselves.
        ["Herald:Store"] = "memory",

        // The server's own status events would make every count in these tests move by itself;
        // the cluster tests compose their app with the feed on.
        ["Herald:ClusterFeed"] = "false",
        ["Herald:DataDirectory"] = Path.Combine(Path.GetTempPath(), "herald-tests", Guid.NewGuid().ToString("N")),
        ["Herald:Namespaces:public:HistorySize"] = "1000",
        ["Herald:Namespaces:user:SubscribeChannels:0"] = "user:{sub}",
        ["Herald:Namespaces:admin:SubscribeAttributes:0"] = "admin",
        ["Herald:Namespaces:admin:PublishAttributes:0"] = "admin",
        ["Herald:Namespaces:tiny:HistorySize"] = "5",
        ["Herald:Namespaces:tiny:MaxKeys"] = "3",
        ["Herald:Namespaces:storage:EventRules:0:Events"] = "location.*",
        ["Herald:Namespaces:storage:EventRules:0:Attributes:0"] = "storage:locations:list",
        ["Herald:Namespaces:storage:EventRules:1:Events"] = "aip.created",
        ["Herald:Namespaces:storage:EventRules:1:Attributes:0"] = "storage:aips:list",
        ["Herald:Namespaces:storage:EventRules:2:Events"] = "aip.updated",
        ["Herald:Namespaces:storage:EventRules:2:Attributes:0"] = "storage:aips:read",
        ["Herald:Namespaces:storage:EventRules:3:Events"] = "workflow.*",
        ["Herald:Namespaces:storage:EventRules:3:Attributes:0"] = "storage:aips:workflows:list",
        ["Herald:Namespaces:storage:EventRules:4:Events"] = "task.*",
        ["Herald:Namespaces:storage:EventRules:4:Attributes:0"] = "storage:aips:workflows:list",
        ["Logging:LogLevel:Default"] = "Warning",
    };
}
