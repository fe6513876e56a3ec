using Herald.Channels;

namespace Herald.Security;

/// <summary>
/// Whether one recipient may see one event: its <c>events</c> filter, then the attributes the
/// namespace's event rules ask for. Live delivery, replays, snapshots and history reads all
/// decide here, so a recipient sees the same events whichever way they reach it.
/// </summary>
internal static class EventVisibility
{
    public static bool Allows(EventFilter? filter, PermissionSet permissions, string eventName, AttributeRequirement? requirement) =>
        (filter is not { } f || f.Matches(eventName)) && permissions.Satisfies(requirement);
}
