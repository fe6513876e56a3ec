using System.Collections.Concurrent;
using System.Text.Json;

namespace Herald.EntityFrameworkCore.Publishing;

/// <summary>The configured entity types, looked up by an entity's runtime type (proxies and subtypes included).</summary>
internal sealed class PublishingMap(Dictionary<Type, IEntityPublication> entities, JsonSerializerOptions json)
{
    private readonly ConcurrentDictionary<Type, IEntityPublication?> _resolved = new();

    public JsonSerializerOptions Json { get; } = json;

    public bool IsEmpty => entities.Count == 0;

    public IEntityPublication? Find(Type type) => _resolved.GetOrAdd(type, static (t, map) =>
    {
        for (var current = t; current is not null; current = current.BaseType)
        {
            if (map.TryGetValue(current, out var publication))
            {
                return publication;
            }
        }

        return null;
    }, entities);
}
