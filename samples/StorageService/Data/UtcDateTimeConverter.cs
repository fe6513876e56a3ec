using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace StorageService.Data;

/// <summary>Stores UTC, reads back <see cref="DateTimeKind.Utc"/>, so JSON carries the "Z" the browser needs.</summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
