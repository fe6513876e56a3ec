using Microsoft.EntityFrameworkCore.Infrastructure;
using Herald.EntityFrameworkCore.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Herald.EntityFrameworkCore.Tests;

/// <summary>AddHeraldPublishing brings the outbox table into a model that never mentions it.</summary>
public sealed class ModelTests
{
    [Fact]
    public void The_outbox_joins_the_model_with_snake_case_columns_and_a_pending_index()
    {
        var options = new DbContextOptionsBuilder<TestDb>().UseSqlite("Data Source=:memory:").AddHeraldPublishing(TestPublishing.Configure).Options;
        using var db = new TestDb(options);
        var entity = db.Model.FindEntityType(typeof(HeraldOutboxMessage)).ShouldNotBeNull();
        entity.GetTableName().ShouldBe("herald_outbox");
        var table = StoreObjectIdentifier.Table("herald_outbox");
        entity.GetProperties().Select(p => p.GetColumnName(table)).Order().ShouldBe(
            ["channel", "created_at", "data", "error", "event", "id", "key", "message_id", "processed_at", "tombstone"]);
        entity.FindPrimaryKey()!.Properties.Single().Name.ShouldBe(nameof(HeraldOutboxMessage.Id));
        entity.GetIndexes().Single().GetFilter().ShouldBe("processed_at IS NULL");
        db.Database.GenerateCreateScript().ShouldContain("CREATE TABLE \"herald_outbox\"");
    }

    [Fact]
    public void Contexts_share_one_internal_service_provider()
    {
        // A new provider per context would be slow and, past twenty, an EF error.
        var options = new DbContextOptionsBuilder<TestDb>().UseSqlite("Data Source=:memory:").AddHeraldPublishing(TestPublishing.Configure).Options;
        var again = new DbContextOptionsBuilder<TestDb>().UseSqlite("Data Source=:memory:").AddHeraldPublishing(TestPublishing.Configure).Options;
        using var first = new TestDb(options);
        using var second = new TestDb(again);
        first.GetService<IModel>().ShouldBeSameAs(second.GetService<IModel>());
    }
}
