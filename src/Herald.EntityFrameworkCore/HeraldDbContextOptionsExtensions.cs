using System.Text.RegularExpressions;
using Herald.EntityFrameworkCore.Capture;
using Herald.EntityFrameworkCore.Model;
using Herald.EntityFrameworkCore.Publishing;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Microsoft.EntityFrameworkCore;

public static partial class HeraldDbContextOptionsExtensions
{
    /// <summary>
    /// Publishes changes of the configured entity types through a transactional outbox: every
    /// <c>SaveChanges</c> writes the events into the outbox table in the same transaction as the
    /// change (the application's own transaction, when it has one). The table joins the model
    /// (create it with your migrations or <c>EnsureCreated</c>); a relay, registered with
    /// <c>services.AddHeraldOutboxRelay&lt;TContext&gt;()</c>, moves the rows to Herald.
    /// </summary>
    public static DbContextOptionsBuilder AddHeraldPublishing(this DbContextOptionsBuilder options, Action<HeraldPublishingBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = new HeraldPublishingBuilder();
        configure(builder);
        if (!TableName().IsMatch(builder.TableName))
        {
            throw new ArgumentException("The outbox table name is 1-63 characters of [A-Za-z0-9_], starting with a letter.", nameof(configure));
        }

        var registry = new CaptureRegistry();
        ((IDbContextOptionsBuilderInfrastructure)options).AddOrUpdateExtension(new OutboxOptionsExtension(builder.TableName));
        return options.AddInterceptors(new OutboxSaveChangesInterceptor(builder.Build(), registry), new OutboxTransactionInterceptor(registry));
    }

    /// <inheritdoc cref="AddHeraldPublishing(DbContextOptionsBuilder, Action{HeraldPublishingBuilder})"/>
    public static DbContextOptionsBuilder<TContext> AddHeraldPublishing<TContext>(this DbContextOptionsBuilder<TContext> options, Action<HeraldPublishingBuilder> configure)
        where TContext : DbContext =>
        (DbContextOptionsBuilder<TContext>)AddHeraldPublishing((DbContextOptionsBuilder)options, configure);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,62}$")]
    private static partial Regex TableName();
}
