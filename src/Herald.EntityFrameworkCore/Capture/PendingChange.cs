using Herald.EntityFrameworkCore.Publishing;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Herald.EntityFrameworkCore.Capture;

/// <summary>A change seen before the save; its event is built after it, once generated values are known.</summary>
internal sealed record PendingChange(object Entity, IEntityType Metadata, IEntityPublication Publication, ChangeKind Kind, IReadOnlyCollection<string> Modified);
