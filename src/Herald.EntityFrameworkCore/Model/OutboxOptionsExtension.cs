using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata.Conventions.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.EntityFrameworkCore.Model;

/// <summary>
/// Adds the outbox entity to the context's model through a convention, so applications need no
/// change to <c>OnModelCreating</c> (and may still configure the entity there: theirs wins).
/// </summary>
internal sealed class OutboxOptionsExtension(string tableName) : IDbContextOptionsExtension
{
    private DbContextOptionsExtensionInfo? _info;

    public string TableName { get; } = tableName;

    public DbContextOptionsExtensionInfo Info => _info ??= new ExtensionInfo(this);

    public void ApplyServices(IServiceCollection services) =>
        new EntityFrameworkServicesBuilder(services).TryAdd<IConventionSetPlugin, OutboxConventionPlugin>();

    public void Validate(IDbContextOptions options)
    {
    }

    private sealed class ExtensionInfo(OutboxOptionsExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        private string Table => ((OutboxOptionsExtension)Extension).TableName;

        public override bool IsDatabaseProvider => false;

        public override string LogFragment => $"HeraldOutbox={Table} ";

        // Stable across context instances: EF keeps one internal service provider per distinct value.
        public override int GetServiceProviderHashCode() => StringComparer.Ordinal.GetHashCode(Table);

        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) =>
            other is ExtensionInfo info && info.Table == Table;

        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo) =>
            debugInfo["Herald:OutboxTable"] = GetServiceProviderHashCode().ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
