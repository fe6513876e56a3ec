using System.Text.Json;
using System.Text.Json.Nodes;
using TaskService.Http;

namespace TaskService.Tasks;

/// <summary>
/// <c>changes</c> of an event: the task's fields as JSON before and after a write, compared field by
/// field, so every write path reports exactly what it changed without listing fields by hand.
/// </summary>
public static class TaskChanges
{
    // Moves on every write; the event's own timestamp says when.
    private const string UpdatedAt = "updated_at";

    public static JsonObject Snapshot(TaskEntity task) =>
        JsonSerializer.SerializeToNode(TaskView.From(task), TaskJson.Options)!.AsObject();

    public static JsonObject Between(JsonObject before, JsonObject after)
    {
        var changes = new JsonObject();
        foreach (var (field, value) in after)
        {
            if (field != UpdatedAt && !JsonNode.DeepEquals(before[field], value))
            {
                changes[field] = value?.DeepClone();
            }
        }

        return changes;
    }
}
