namespace TaskService;

/// <summary>The <c>TaskService</c> configuration section (the background job has its own sub-section).</summary>
public sealed class TaskServiceOptions
{
    public const string SectionName = "TaskService";

    /// <summary>Holds <c>tasks.db</c>; relative to where the service runs. <c>ConnectionStrings:Tasks</c> wins when set.</summary>
    public string DataDirectory { get; set; } = "taskservice-data";

    /// <summary>REST requests per second per API key, unless the key has its own <c>requests_per_second</c>.</summary>
    public int RequestsPerSecond { get; set; } = 20;

    /// <summary>
    /// A Redis (StackExchange.Redis configuration string, e.g. <c>redis:6379</c>) that counts the rate
    /// limits (REST requests per key, WebSocket connections per IP and per key) for every instance of
    /// the service. Empty: each instance counts its own.
    /// </summary>
    public string Redis { get; set; } = "";
}
