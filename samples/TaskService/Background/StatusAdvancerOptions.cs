namespace TaskService.Background;

/// <summary><c>TaskService:StatusAdvancer</c>: how the background job that moves tasks along runs.</summary>
public sealed class StatusAdvancerOptions
{
    public const string SectionName = "TaskService:StatusAdvancer";

    public bool Enabled { get; set; } = true;

    /// <summary>Time between passes; each pass moves every unfinished task (up to <see cref="BatchSize"/>) one step.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(10);

    public int BatchSize { get; set; } = 100;
}
