using System.Data.Common;
using Marketplace.Testing.Servers;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Marketplace.Faults.Tests;

/// <summary>
/// Reads the store directly, for checks the API does not expose (reservations, outbox rows). Never used to arrange
/// data: tests arrange through the API. Table names are the modules' own (a schema per module on PostgreSQL).
/// </summary>
internal sealed class Store(ApiProcess api)
{
    private string? Postgres => api.Settings.TryGetValue("ConnectionStrings:Marketplace", out var cs) && cs.Length > 0 ? cs : null;

    public string Table(string module, string table) => Postgres is null ? table : $"\"{module}\".\"{table}\"";

    public async Task<List<object?[]>> QueryAsync(string sql)
    {
        await using DbConnection connection = Postgres is { } cs
            ? new NpgsqlConnection(cs)
            : new SqliteConnection($"Data Source={Path.Combine(api.DataDirectory, "marketplace.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    public static Guid Id(object? value) => value switch
    {
        Guid g => g,
        string s => Guid.Parse(s),
        byte[] b => new Guid(b),
        _ => throw new InvalidOperationException($"Not an id: {value}"),
    };

    /// <summary>Per product: units in stock, held by unpaid reservations, and sold (confirmed).</summary>
    public async Task<Dictionary<Guid, (long Stock, long Held, long Sold)>> StockLedgerAsync(IEnumerable<Guid> products)
    {
        var wanted = products.ToHashSet();
        var result = new Dictionary<Guid, (long Stock, long Held, long Sold)>();
        foreach (var row in await QueryAsync($"SELECT \"Id\", \"Stock\" FROM {Table("catalog", "catalog_products")}"))
        {
            var id = Id(row[0]);
            if (wanted.Contains(id))
            {
                result[id] = (Convert.ToInt64(row[1]), 0, 0);
            }
        }

        var sql = $"""
            SELECT l."ProductId", r."Status", l."Quantity"
            FROM {Table("catalog", "catalog_stock_reservation_lines")} l
            JOIN {Table("catalog", "catalog_stock_reservations")} r ON r."Id" = l."ReservationId"
            """;
        foreach (var row in await QueryAsync(sql))
        {
            var id = Id(row[0]);
            if (!result.TryGetValue(id, out var entry))
            {
                continue;
            }

            var quantity = Convert.ToInt64(row[2]);
            result[id] = (string)row[1]! switch
            {
                "Held" => entry with { Held = entry.Held + quantity },
                "Confirmed" => entry with { Sold = entry.Sold + quantity },
                _ => entry,
            };
        }

        return result;
    }

    /// <summary>Held reservations whose order does not exist (a checkout that never committed).</summary>
    public async Task<List<Guid>> OrphanedReservationsAsync()
    {
        var held = (await QueryAsync($"SELECT \"Id\" FROM {Table("catalog", "catalog_stock_reservations")} WHERE \"Status\" = 'Held'")).Select(r => Id(r[0])).ToList();
        var orders = (await QueryAsync($"SELECT \"Id\" FROM {Table("orders", "orders_orders")}")).Select(r => Id(r[0])).ToHashSet();
        return held.Where(id => !orders.Contains(id)).ToList();
    }

    /// <summary>Outbox rows of every module not yet delivered, and event ids stored more than once.</summary>
    public async Task<(int Pending, int Duplicated, int Total)> OutboxAsync()
    {
        int pending = 0, duplicated = 0, total = 0;
        foreach (var module in new[] { "identity", "catalog", "cart", "orders", "exhibitions" })
        {
            var rows = await QueryAsync($"SELECT \"EventId\", \"ProcessedAt\" FROM {Table(module, module + "_outbox")}");
            total += rows.Count;
            pending += rows.Count(r => r[1] is null);
            duplicated += rows.Count - rows.Select(r => Id(r[0])).Distinct().Count();
        }

        return (pending, duplicated, total);
    }
}
