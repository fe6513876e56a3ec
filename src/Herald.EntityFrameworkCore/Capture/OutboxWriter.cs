using System.Data;
using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Herald.EntityFrameworkCore.Capture;

/// <summary>
/// Inserts outbox rows on the context's own connection and transaction. Plain SQL rather than a
/// second <c>SaveChanges</c>: it runs inside the interceptor, after the entities were written
/// (so generated keys are known) and before the commit, without re-entering the change tracker.
/// Values go through EF's type mappings, so they are stored exactly as EF would store them.
/// </summary>
internal static class OutboxWriter
{
    private const int RowsPerStatement = 100;

    private static readonly (string Property, Func<HeraldOutboxMessage, object?> Value)[] Columns =
    [
        (nameof(HeraldOutboxMessage.MessageId), m => m.MessageId),
        (nameof(HeraldOutboxMessage.Channel), m => m.Channel),
        (nameof(HeraldOutboxMessage.Event), m => m.Event),
        (nameof(HeraldOutboxMessage.Key), m => m.Key),
        (nameof(HeraldOutboxMessage.Data), m => m.Data),
        (nameof(HeraldOutboxMessage.Tombstone), m => m.Tombstone),
        (nameof(HeraldOutboxMessage.CreatedAt), m => m.CreatedAt),
    ];

    public static void Write(DbContext context, IReadOnlyList<HeraldOutboxMessage> rows)
    {
        var opened = Open(context);
        try
        {
            for (var start = 0; start < rows.Count; start += RowsPerStatement)
            {
                using var command = Create(context, rows, start);
                command.ExecuteNonQuery();
            }
        }
        finally
        {
            if (opened)
            {
                context.Database.CloseConnection();
            }
        }
    }

    public static async Task WriteAsync(DbContext context, IReadOnlyList<HeraldOutboxMessage> rows, CancellationToken cancellationToken)
    {
        var opened = Open(context);
        try
        {
            for (var start = 0; start < rows.Count; start += RowsPerStatement)
            {
                await using var command = Create(context, rows, start);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        finally
        {
            if (opened)
            {
                await context.Database.CloseConnectionAsync();
            }
        }
    }

    // Inside a transaction the connection is open; under an ambient TransactionScope EF may have closed it.
    private static bool Open(DbContext context)
    {
        if (context.Database.GetDbConnection().State == ConnectionState.Open)
        {
            return false;
        }

        context.Database.OpenConnection();
        return true;
    }

    private static DbCommand Create(DbContext context, IReadOnlyList<HeraldOutboxMessage> rows, int start)
    {
        var entityType = context.Model.FindEntityType(typeof(HeraldOutboxMessage))
            ?? throw new InvalidOperationException("The outbox entity is not in the model; configure the context with AddHeraldPublishing.");
        var table = entityType.GetTableName()!;
        var schema = entityType.GetSchema();
        var store = StoreObjectIdentifier.Table(table, schema);
        var sql = context.GetService<ISqlGenerationHelper>();
        var provider = context.Database.ProviderName;
        var properties = Columns.Select(c => (Property: entityType.FindProperty(c.Property)!, c.Value)).ToArray();

        var command = context.Database.GetDbConnection().CreateCommand();
        command.Transaction = context.Database.CurrentTransaction?.GetDbTransaction();
        if (context.Database.GetCommandTimeout() is { } timeout)
        {
            command.CommandTimeout = timeout;
        }

        var text = new StringBuilder(OutboxDialect.Before(provider, table));
        text.Append("INSERT INTO ").Append(sql.DelimitIdentifier(table, schema)).Append(" (")
            .AppendJoin(", ", properties.Select(p => sql.DelimitIdentifier(p.Property.GetColumnName(store)!)))
            .Append(") VALUES ");
        var end = Math.Min(rows.Count, start + RowsPerStatement);
        var n = 0;
        for (var i = start; i < end; i++)
        {
            text.Append(i == start ? "(" : ", (");
            for (var c = 0; c < properties.Length; c++, n++)
            {
                var (property, value) = properties[c];
                var name = "hp" + n;
                var parameter = property.GetRelationalTypeMapping().CreateParameter(command, sql.GenerateParameterName(name), value(rows[i]), property.IsNullable);
                command.Parameters.Add(parameter);
                text.Append(c == 0 ? "" : ", ").Append(sql.GenerateParameterNamePlaceholder(name));
            }

            text.Append(')');
        }

        text.Append(OutboxDialect.After(provider, table));
        command.CommandText = text.ToString();
        return command;
    }
}
