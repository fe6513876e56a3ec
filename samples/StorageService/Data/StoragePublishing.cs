using Herald.EntityFrameworkCore.Publishing;
using StorageService.Api;

namespace StorageService.Data;

/// <summary>
/// Every change of the four entities becomes an event on <c>storage</c>, from the data layer:
/// any code path that saves a change announces it, and only once it is committed. Who receives
/// which event is configuration (appsettings.json, <c>Herald:Namespaces:storage:EventRules</c>).
/// </summary>
public static class StoragePublishing
{
    public const string Channel = "storage";

    public static void Configure(HeraldPublishingBuilder herald)
    {
        herald.JsonOptions = StorageJson.Options;
        herald
            .Entity<Location>(Channel, e => e
                .Events("location.created", "location.updated")
                .Key(l => $"location:{l.Uuid}")
                .Data(l => new StorageEvent(l.Uuid, LocationItem.From(l))))
            .Entity<Aip>(Channel, e => e
                .Events("aip.created", "aip.updated")
                .Key(a => $"aip:{a.Uuid}")
                .Data(a => new StorageEvent(a.Uuid, AipItem.From(a))))
            .Entity<Workflow>(Channel, e => e
                .Events("workflow.created", "workflow.updated")
                .Key(w => $"workflow:{w.Uuid}")
                .Data(w => new StorageEvent(w.Uuid, WorkflowItem.From(w))))
            .Entity<AipTask>(Channel, e => e
                .Events("task.created", "task.updated")
                .Key(t => $"task:{t.Uuid}")
                .Data(t => new StorageEvent(t.Uuid, TaskItem.From(t))));
    }
}
