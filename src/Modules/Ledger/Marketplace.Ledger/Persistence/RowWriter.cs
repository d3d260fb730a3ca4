using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Marketplace.Ledger.Persistence;

/// <summary>
/// Writes new rows of one table with one multi-row <c>INSERT … VALUES (…), (…)</c> on the context's connection and
/// transaction, bypassing the change tracker. A payment's entry, its lines and the Ledger's copy of the order used to
/// cost most of a posting in SaveChanges' change tracking and command batching; these rows are append-only and nothing
/// reads them back in the same unit of work. Column names and value conversions (SQLite keeps times as numbers) come
/// from the EF model, so the statement matches what SaveChanges would write on either provider. Rows are inserted in
/// list order, so identity ids follow it. Store-generated ids are not read back.
/// </summary>
internal static class RowWriter
{
    private sealed record Table(string Insert, IReadOnlyList<(System.Reflection.PropertyInfo Property, RelationalTypeMapping Mapping, bool Nullable)> Columns);

    private static readonly ConcurrentDictionary<(Type Entity, bool Postgres), Table> Tables = new();

    public static async Task InsertAsync<T>(DbContext db, IReadOnlyList<T> rows, CancellationToken ct)
        where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }

        var table = Tables.GetOrAdd((typeof(T), db.Database.IsNpgsql()), key => Describe(db, key.Entity));
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException($"Rows of {typeof(T).Name} are written inside the caller's transaction.");
        var sql = new StringBuilder(table.Insert);
        for (var r = 0; r < rows.Count; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < table.Columns.Count; c++)
            {
                var (property, mapping, nullable) = table.Columns[c];
                var name = string.Create(CultureInfo.InvariantCulture, $"@r{r}c{c}");
                command.Parameters.Add(mapping.CreateParameter(command, name, property.GetValue(rows[r]), nullable));
                sql.Append(c == 0 ? "" : ", ").Append(name);
            }

            sql.Append(')');
        }

        command.CommandText = sql.ToString();
        await command.ExecuteNonQueryAsync(ct);
    }

    private static Table Describe(DbContext db, Type type)
    {
        var entity = db.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not in the model.");
        var store = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties()
            // An identity key (a long the store numbers) is left to the store.
            .Where(p => !(p.IsPrimaryKey() && p.ValueGenerated == ValueGenerated.OnAdd && p.ClrType == typeof(long)))
            .Select(p => (p.PropertyInfo ?? throw new InvalidOperationException($"{type.Name}.{p.Name} is a shadow property."),
                p.GetRelationalTypeMapping(), p.IsNullable))
            .ToList();
        // Quoted as the provider quotes them (its ISqlGenerationHelper), like the statements EF writes itself.
        var quote = db.GetService<ISqlGenerationHelper>();
        var names = entity.GetProperties().Where(p => columns.Any(c => c.Item1 == p.PropertyInfo))
            .Select(p => quote.DelimitIdentifier(p.GetColumnName(store)!));
        return new Table($"INSERT INTO {quote.DelimitIdentifier(store.Name, store.Schema)} ({string.Join(", ", names)}) VALUES ", columns);
    }
}
