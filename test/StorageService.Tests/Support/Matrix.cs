namespace StorageService.Tests.Support;

/// <summary>PRODUCT.md 4.1's attribute matrix, restated independently of the shipped configuration it checks.</summary>
public static class Matrix
{
    public const string Locations = "storage:locations:list";
    public const string AipsList = "storage:aips:list";
    public const string AipsRead = "storage:aips:read";
    public const string Workflows = "storage:aips:workflows:list";

    public static string Needed(string eventName) => eventName switch
    {
        "location.created" or "location.updated" => Locations,
        "aip.created" => AipsList,
        "aip.updated" => AipsRead,
        "workflow.created" or "workflow.updated" or "task.created" or "task.updated" => Workflows,
        _ => throw new ArgumentOutOfRangeException(nameof(eventName), eventName, "not a storage event"),
    };
}
