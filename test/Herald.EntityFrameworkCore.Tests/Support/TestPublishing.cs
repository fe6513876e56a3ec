using Herald.EntityFrameworkCore.Publishing;

namespace Herald.EntityFrameworkCore.Tests.Support;

/// <summary>The publishing configuration under test.</summary>
public static class TestPublishing
{
    public const string Channel = "storage";

    public static void Configure(HeraldPublishingBuilder herald) => herald
        .Entity<Widget>(Channel, e => e
            .Events("widget.created", "widget.updated", "widget.deleted")
            .EventName(c => c.Kind == ChangeKind.Updated && c.ModifiedProperties.Contains(nameof(Widget.Status)) ? "widget.status_changed" : null)
            .Key(w => $"widget:{w.Id}")
            .Data(w => new { uuid = w.Id, item = new { w.Name, w.Status } }))
        .Entity<Gadget>(Channel)
        .Entity<Stray>("nowhere:1");
}
