using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;

namespace Herald.EntityFrameworkCore.Model;

/// <summary>
/// Maps <see cref="HeraldOutboxMessage"/> when the model is created, before <c>OnModelCreating</c>.
/// Snake-case columns: the table is read by people and by SQL the relay runs on any provider.
/// </summary>
internal sealed class OutboxModelConvention(string table) : IModelInitializedConvention
{
    public void ProcessModelInitialized(IConventionModelBuilder modelBuilder, IConventionContext<IConventionModelBuilder> context)
    {
        // As a data annotation would: a convention-sourced entity type that nothing navigates to
        // is removed by EF's model cleanup, and explicit configuration still overrides this.
        var entity = modelBuilder.Entity(typeof(HeraldOutboxMessage), fromDataAnnotation: true)!;
        entity.ToTable(table, fromDataAnnotation: true);
        var id = Column(entity, nameof(HeraldOutboxMessage.Id), "id");
        entity.PrimaryKey([id.Metadata], fromDataAnnotation: true);
        Column(entity, nameof(HeraldOutboxMessage.MessageId), "message_id");
        Column(entity, nameof(HeraldOutboxMessage.Channel), "channel", maxLength: 128);
        Column(entity, nameof(HeraldOutboxMessage.Event), "event", maxLength: 128);
        Column(entity, nameof(HeraldOutboxMessage.Key), "key", maxLength: 256);
        Column(entity, nameof(HeraldOutboxMessage.Data), "data");
        Column(entity, nameof(HeraldOutboxMessage.Tombstone), "tombstone");
        Column(entity, nameof(HeraldOutboxMessage.CreatedAt), "created_at");
        Column(entity, nameof(HeraldOutboxMessage.ProcessedAt), "processed_at");
        Column(entity, nameof(HeraldOutboxMessage.Error), "error");

        // The relay's only query: pending rows in id order. Partial, so done rows cost nothing.
        entity.HasIndex([id.Metadata], table + "_pending", fromDataAnnotation: true)?.HasFilter("processed_at IS NULL", fromDataAnnotation: true);
    }

    private static IConventionPropertyBuilder Column(IConventionEntityTypeBuilder entity, string property, string column, int? maxLength = null)
    {
        var builder = entity.Property(typeof(HeraldOutboxMessage).GetProperty(property)!, fromDataAnnotation: true)!;
        builder.HasColumnName(column, fromDataAnnotation: true);
        if (maxLength is { } length)
        {
            builder.HasMaxLength(length, fromDataAnnotation: true);
        }

        return builder;
    }
}
