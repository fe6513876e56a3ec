using System.Text.Json;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Herald.EntityFrameworkCore.Publishing;

/// <summary>How changes of one entity type become events; the untyped face the interceptor uses.</summary>
internal interface IEntityPublication
{
    IEnumerable<OutboxDraft> Build(object entity, IEntityType metadata, ChangeKind kind, IReadOnlyCollection<string> modified, JsonSerializerOptions json);
}
