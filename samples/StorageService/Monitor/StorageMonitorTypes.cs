namespace StorageService.Monitor;

/// <summary>
/// The seed dashboard's <c>StorageMonitorEventEventTypeEnum</c>: the type each storage event goes
/// out as. Workflows and tasks belong to an AIP, hence the seed's <c>aip_workflow_*</c> and <c>aip_task_*</c>.
/// </summary>
public static class StorageMonitorTypes
{
    public const string Ping = "storage_ping_event";

    /// <summary>The seed's type for a Herald event name, or null for events the seed has no type for.</summary>
    public static string? For(string herald) => herald switch
    {
        "location.created" => "location_created_event",
        "location.updated" => "location_updated_event",
        "aip.created" => "aip_created_event",
        "aip.updated" => "aip_updated_event",
        "workflow.created" => "aip_workflow_created_event",
        "workflow.updated" => "aip_workflow_updated_event",
        "task.created" => "aip_task_created_event",
        "task.updated" => "aip_task_updated_event",
        _ => null,
    };
}
