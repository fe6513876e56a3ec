namespace Herald.Api.Tests.Filtering;

/// <summary>The storage namespace's event rules (TestSettings) and who may see what under them.</summary>
internal static class StorageUsers
{
    public const string Locations = "storage:locations:list";
    public const string AipsList = "storage:aips:list";
    public const string AipsRead = "storage:aips:read";
    public const string Workflows = "storage:aips:workflows:list";

    public static readonly string[] AllEvents =
    [
        "location.created", "location.updated",
        "aip.created", "aip.updated",
        "workflow.created", "workflow.updated",
        "task.created", "task.updated",
    ];

    /// <summary>User name → (attributes, the events of <see cref="AllEvents"/> that user may see, in publish order).</summary>
    public static readonly Dictionary<string, (string[] Attributes, string[] Sees)> Matrix = new()
    {
        ["locations"] = ([Locations], ["location.created", "location.updated"]),
        ["aips-list"] = ([AipsList], ["aip.created"]),
        ["aips-read"] = ([AipsRead], ["aip.updated"]),
        ["workflows"] = ([Workflows], ["workflow.created", "workflow.updated", "task.created", "task.updated"]),
        ["nobody"] = ([], []),
        ["everything"] = ([Locations, AipsList, AipsRead, Workflows], AllEvents),
    };
}
