namespace Herald.Configuration;

/// <summary>The rules of one namespace (the part of a channel name before its first ':').</summary>
public sealed class NamespaceOptions
{
    /// <summary>Attributes a principal needs, all of them, to subscribe. Empty: any signed-in principal.</summary>
    public List<string> SubscribeAttributes { get; set; } = [];

    /// <summary>
    /// When not empty, the channels a principal may subscribe to, as globs where <c>{sub}</c> is the
    /// principal's subject: <c>user:{sub}</c> lets alice join <c>user:alice</c> only.
    /// </summary>
    public List<string> SubscribeChannels { get; set; } = [];

    /// <summary>Attributes needed to publish here; null means the global <c>publish</c> attribute.</summary>
    public List<string>? PublishAttributes { get; set; }

    /// <summary>Per event type, the attributes a recipient needs to receive it. First matching rule wins.</summary>
    public List<EventRuleOptions> EventRules { get; set; } = [];

    public int HistorySize { get; set; } = 1000;

    public TimeSpan HistoryAge { get; set; } = TimeSpan.FromHours(24);

    public int MaxKeys { get; set; } = 10_000;
}
