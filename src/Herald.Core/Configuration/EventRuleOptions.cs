namespace Herald.Configuration;

/// <summary>Recipients of events matching <see cref="Events"/> (a glob) need all of <see cref="Attributes"/>.</summary>
public sealed class EventRuleOptions
{
    public string Events { get; set; } = "";

    public List<string> Attributes { get; set; } = [];
}
