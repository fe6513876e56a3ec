using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;
using Microsoft.EntityFrameworkCore.Metadata.Conventions.Infrastructure;

namespace Herald.EntityFrameworkCore.Model;

internal sealed class OutboxConventionPlugin(IDbContextOptions options) : IConventionSetPlugin
{
    public ConventionSet ModifyConventions(ConventionSet conventionSet)
    {
        var table = options.FindExtension<OutboxOptionsExtension>()?.TableName ?? "herald_outbox";
        conventionSet.Add(new OutboxModelConvention(table));
        return conventionSet;
    }
}
