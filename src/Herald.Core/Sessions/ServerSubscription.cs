namespace Herald.Sessions;

/// <summary>
/// A channel a mount subscribes every connection to at connect, announced with <c>subscribed</c>
/// without <c>id</c>. <see cref="Channel"/> may use <c>{sub}</c> for the principal's subject.
/// </summary>
public sealed record ServerSubscription(string Channel, IReadOnlyList<string>? Events = null, bool Snapshot = false)
{
    /// <summary>The channel as one connection's principal subscribes to it.</summary>
    public string ChannelFor(string subject) => Channel.Replace("{sub}", subject, StringComparison.Ordinal);
}
