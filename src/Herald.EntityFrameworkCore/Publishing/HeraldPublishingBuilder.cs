using System.Text.Json;

namespace Herald.EntityFrameworkCore.Publishing;

/// <summary>Which entity types publish, and how (see <see cref="EntityPublishingBuilder{TEntity}"/>).</summary>
public sealed class HeraldPublishingBuilder
{
    private readonly Dictionary<Type, IEntityPublication> _entities = [];

    /// <summary>Serializes event data; System.Text.Json's web defaults (camelCase) unless set.</summary>
    public JsonSerializerOptions JsonOptions { get; set; } = JsonSerializerOptions.Web;

    /// <summary>The outbox table's name.</summary>
    public string TableName { get; set; } = "herald_outbox";

    /// <summary>Changes of <typeparamref name="TEntity"/> (and types derived from it) publish to <paramref name="channel"/>.</summary>
    public HeraldPublishingBuilder Entity<TEntity>(string channel, Action<EntityPublishingBuilder<TEntity>>? configure = null)
        where TEntity : class
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        var builder = new EntityPublishingBuilder<TEntity>(channel);
        configure?.Invoke(builder);
        _entities[typeof(TEntity)] = builder;
        return this;
    }

    internal PublishingMap Build() => new(new Dictionary<Type, IEntityPublication>(_entities), JsonOptions);
}
