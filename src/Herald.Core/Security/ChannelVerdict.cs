using Herald.Protocol;

namespace Herald.Security;

/// <summary>
/// <see cref="ChannelAccess"/>'s answer: the channel's policy when the namespace is known, and
/// why not when it is refused. The message for a denial is the caller's, who knows what was asked.
/// </summary>
internal readonly record struct ChannelVerdict(ChannelRefusal Refusal, NamespacePolicy? Policy, string? Message)
{
    public bool Allowed => Refusal == ChannelRefusal.None;

    /// <summary>The protocol code to answer with; null when allowed.</summary>
    public string? ErrorCode => Refusal switch
    {
        ChannelRefusal.None => null,
        ChannelRefusal.Denied => ErrorCodes.AccessDenied,
        _ => ErrorCodes.InvalidChannel,
    };
}
