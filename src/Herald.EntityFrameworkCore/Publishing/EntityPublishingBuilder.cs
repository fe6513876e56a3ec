using System.Text.Json;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Herald.EntityFrameworkCore.Publishing;

/// <summary>
/// The events of one entity type. Defaults: <c>&lt;type&gt;.created</c>, <c>.updated</c>,
/// <c>.deleted</c> (a tombstone for the key), key <c>&lt;type&gt;:&lt;primary key&gt;</c>, and the
/// entity's scalar properties as data. Set an event name to null to publish nothing for that change.
/// </summary>
public sealed class EntityPublishingBuilder<TEntity> : IEntityPublication
    where TEntity : class
{
    private readonly string _prefix = typeof(TEntity).Name.ToLowerInvariant();
    private Func<TEntity, IEnumerable<string>> _channels;
    private string? _created;
    private string? _updated;
    private string? _deleted;
    private bool _tombstoneOnDelete = true;
    private Func<EntityChange<TEntity>, string?>? _eventName;
    private Func<TEntity, string?>? _key;
    private Func<EntityChange<TEntity>, object?>? _data;

    internal EntityPublishingBuilder(string channel)
    {
        _channels = _ => [channel];
        _created = _prefix + ".created";
        _updated = _prefix + ".updated";
        _deleted = _prefix + ".deleted";
    }

    /// <summary>The event names per kind of change; null publishes nothing for that kind.</summary>
    public EntityPublishingBuilder<TEntity> Events(string? created, string? updated, string? deleted = null)
    {
        _created = created;
        _updated = updated;
        _deleted = deleted;
        return this;
    }

    public EntityPublishingBuilder<TEntity> Created(string? eventName)
    {
        _created = eventName;
        return this;
    }

    public EntityPublishingBuilder<TEntity> Updated(string? eventName)
    {
        _updated = eventName;
        return this;
    }

    /// <param name="tombstone">Also drop the key from the channel's latest state (snapshots stop showing it).</param>
    public EntityPublishingBuilder<TEntity> Deleted(string? eventName, bool tombstone = true)
    {
        _deleted = eventName;
        _tombstoneOnDelete = tombstone;
        return this;
    }

    /// <summary>
    /// Chooses the event name from the change (a status change gets its own name, say); returning
    /// null falls back to the name set for that kind of change.
    /// </summary>
    public EntityPublishingBuilder<TEntity> EventName(Func<EntityChange<TEntity>, string?> select)
    {
        _eventName = select;
        return this;
    }

    /// <summary>Publishes each change to every channel returned (rooms per job, per user…).</summary>
    public EntityPublishingBuilder<TEntity> Channels(Func<TEntity, IEnumerable<string>> channels)
    {
        _channels = channels;
        return this;
    }

    /// <summary>The event's <c>key</c>: which entity it is about, for snapshots and client-side state.</summary>
    public EntityPublishingBuilder<TEntity> Key(Func<TEntity, string?> key)
    {
        _key = key;
        return this;
    }

    /// <summary>The event's <c>data</c>, serialized with the publishing's JSON options.</summary>
    public EntityPublishingBuilder<TEntity> Data(Func<TEntity, object?> data)
    {
        _data = change => data(change.Entity);
        return this;
    }

    public EntityPublishingBuilder<TEntity> Data(Func<EntityChange<TEntity>, object?> data)
    {
        _data = data;
        return this;
    }

    IEnumerable<OutboxDraft> IEntityPublication.Build(object entity, IEntityType metadata, ChangeKind kind, IReadOnlyCollection<string> modified, JsonSerializerOptions json)
    {
        var typed = (TEntity)entity;
        var change = new EntityChange<TEntity>(typed, kind, modified);
        var name = _eventName?.Invoke(change) ?? DefaultName(kind);
        if (name is null)
        {
            return [];
        }

        var key = _key is not null ? _key(typed) : DefaultKey(typed, metadata);
        var data = _data is not null
            ? JsonSerializer.Serialize(_data(change), json)
            : JsonSerializer.Serialize(ScalarValues(typed, metadata, json), json);
        var tombstone = kind == ChangeKind.Deleted && _tombstoneOnDelete && key is not null;
        return _channels(typed).Select(channel => new OutboxDraft(channel, name, key, data, tombstone)).ToList();
    }

    private string? DefaultName(ChangeKind kind) => kind switch
    {
        ChangeKind.Created => _created,
        ChangeKind.Updated => _updated,
        _ => _deleted,
    };

    private string? DefaultKey(TEntity entity, IEntityType metadata)
    {
        var key = metadata.FindPrimaryKey();
        if (key is null)
        {
            return null;
        }

        var values = key.Properties.Select(p => p.PropertyInfo?.GetValue(entity) ?? p.FieldInfo?.GetValue(entity));
        return _prefix + ":" + string.Join(',', values);
    }

    private static Dictionary<string, object?> ScalarValues(TEntity entity, IEntityType metadata, JsonSerializerOptions json)
    {
        // Scalars only: navigations would drag the object graph (and its cycles) into every event.
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in metadata.GetProperties())
        {
            if (property.PropertyInfo is { } info)
            {
                values[json.PropertyNamingPolicy?.ConvertName(info.Name) ?? info.Name] = info.GetValue(entity);
            }
        }

        return values;
    }
}
