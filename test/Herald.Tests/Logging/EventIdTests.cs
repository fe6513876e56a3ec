using System.Reflection;
using Microsoft.Extensions.Logging;

namespace Herald.Tests.Logging;

/// <summary>
/// Operators filter and alert on event ids, so an id names one event across every Herald assembly:
/// each assembly's <c>EventIds</c> registry owns a range, and every <c>[LoggerMessage]</c> id is in it.
/// </summary>
public sealed class EventIdTests
{
    private static readonly string[] LoggingAssemblies =
    [
        "Herald.Core", "Herald.AspNetCore", "Herald.Storage.Sqlite", "Herald.Storage.Postgres",
        "Herald.Storage.Redis", "Herald.EntityFrameworkCore", "Herald.Server", "Herald.Client",
    ];

    [Fact]
    public void No_two_log_events_share_an_id()
    {
        var shared = LoggingAssemblies.SelectMany(LogEvents)
            .GroupBy(e => e.Id)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(e => e.Name))}")
            .ToList();

        shared.ShouldBeEmpty();
    }

    [Fact]
    public void Every_log_event_id_is_named_in_its_assemblys_registry_and_inside_its_range()
    {
        var wrong = new List<string>();
        foreach (var assembly in LoggingAssemblies)
        {
            var registry = Registry(assembly);
            foreach (var e in LogEvents(assembly))
            {
                if (e.Id < registry.Min || e.Id > registry.Max)
                {
                    wrong.Add($"{e.Name} = {e.Id} is outside {assembly}'s {registry.Min}-{registry.Max}");
                }
                else if (!registry.Ids.ContainsValue(e.Id))
                {
                    wrong.Add($"{e.Name} = {e.Id} has no name in {assembly}'s EventIds");
                }
            }
        }

        wrong.ShouldBeEmpty();
    }

    [Fact]
    public void Registries_hold_each_id_once_and_their_ranges_do_not_overlap()
    {
        var registries = LoggingAssemblies.Select(a => (Assembly: a, Registry: Registry(a))).OrderBy(r => r.Registry.Min).ToList();
        var wrong = new List<string>();
        foreach (var (assembly, registry) in registries)
        {
            wrong.AddRange(registry.Ids.GroupBy(i => i.Value).Where(g => g.Count() > 1)
                .Select(g => $"{assembly}: {string.Join(" and ", g.Select(i => i.Key))} are both {g.Key}"));
            wrong.AddRange(registry.Ids.Where(i => i.Value < registry.Min || i.Value > registry.Max)
                .Select(i => $"{assembly}: {i.Key} = {i.Value} is outside {registry.Min}-{registry.Max}"));
        }

        for (var i = 1; i < registries.Count; i++)
        {
            if (registries[i].Registry.Min <= registries[i - 1].Registry.Max)
            {
                wrong.Add($"{registries[i - 1].Assembly} and {registries[i].Assembly} overlap");
            }
        }

        wrong.ShouldBeEmpty();
    }

    [Fact]
    public void Every_project_under_src_that_logs_is_checked()
    {
        var logging = Directory.GetDirectories(Path.Combine(RepoPaths.Root, "src"))
            .Where(project => Directory.EnumerateFiles(project, "*.cs", SearchOption.AllDirectories)
                .Any(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                    && File.ReadAllText(file).Contains("[LoggerMessage(", StringComparison.Ordinal)))
            .Select(Path.GetFileName);

        logging.ShouldBeSubsetOf(LoggingAssemblies);
    }

    private static IEnumerable<(string Name, int Id)> LogEvents(string assemblyName) =>
        from type in Assembly.Load(assemblyName).GetTypes()
        from method in type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)
        let attribute = method.GetCustomAttribute<LoggerMessageAttribute>()
        where attribute is not null
        select ($"{assemblyName}: {type.FullName}.{method.Name}", attribute.EventId);

    private static (int Min, int Max, Dictionary<string, int> Ids) Registry(string assemblyName)
    {
        var type = Assembly.Load(assemblyName).GetTypes().SingleOrDefault(t => t.Name == "EventIds")
            ?? throw new InvalidOperationException($"{assemblyName} has no EventIds registry.");
        var constants = type.GetFields(BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(int))
            .ToDictionary(f => f.Name, f => (int)f.GetRawConstantValue()!);
        var min = constants["MinId"];
        var max = constants["MaxId"];
        constants.Remove("MinId");
        constants.Remove("MaxId");
        return (min, max, constants);
    }
}
