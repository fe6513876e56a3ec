namespace Herald.LoadGen.Scenarios;

/// <summary>The scenarios by name.</summary>
internal static class ScenarioCatalog
{
    public static readonly IReadOnlyList<IScenario> All =
        [new FanoutScenario(), new SteadyScenario(), new ChannelsScenario(), new IdleScenario(), new StormScenario(), new PublishScenario(), new ClusterScenario()];

    public static IScenario? Find(string name) => All.FirstOrDefault(s => s.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
}
