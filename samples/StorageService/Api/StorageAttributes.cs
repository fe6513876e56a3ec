namespace StorageService.Api;

/// <summary>
/// The attributes a JWT carries. The first four are PRODUCT.md 4.1's matrix and decide both what
/// the API lets a user read and which events reach them; the write attributes are this sample's.
/// </summary>
public static class StorageAttributes
{
    public const string LocationsList = "storage:locations:list";
    public const string AipsList = "storage:aips:list";
    public const string AipsRead = "storage:aips:read";
    public const string WorkflowsList = "storage:aips:workflows:list";

    public const string LocationsWrite = "storage:locations:write";
    public const string AipsWrite = "storage:aips:write";
    public const string WorkflowsWrite = "storage:aips:workflows:write";

    public static readonly string[] All = [LocationsList, AipsList, AipsRead, WorkflowsList, LocationsWrite, AipsWrite, WorkflowsWrite];
}
