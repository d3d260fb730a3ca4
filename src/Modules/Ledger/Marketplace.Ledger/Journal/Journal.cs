using System.Data.Common;
using System.Globalization;
using Marketplace.Ledger.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Marketplace.Ledger.Journal;

/// <summary>One side of an entry to be posted.</summary>
internal sealed record Posting(string AccountId, long Amount, Guid? OrderLineId = null, string? Subsector = null, int? RateBps = null);

internal enum PostOutcome
{
    Posted,
    AlreadyPosted,
    InsufficientFunds,
}

/// <summary>
/// An entry to post: where it comes from (unique), what it is about, and its sides. <see cref="SourceChecked"/>: the
/// caller has already found, in this transaction, that nothing was posted for this source (the payment's handler checks
/// the Ledger's own order row), so the journal does not ask again; the unique source key still refuses a duplicate.
/// </summary>
internal sealed record EntryDraft(
    string SourceKey,
    string Kind,
    string Currency,
    IReadOnlyList<Posting> Postings,
    Guid? OrderId = null,
    Guid? ShopId = null,
    Guid? EventId = null,
    string? Note = null,
    bool SourceChecked = false);

/// <summary>
/// Posts journal entries. The caller owns the transaction, so an entry commits together with whatever caused it (a refund
/// row, a payout row, an inbox row). Each account's balance moves by one <c>UPDATE … SET balance = balance + @d RETURNING
/// balance</c> in a fixed account order (no deadlocks between two postings on PostgreSQL); an account listed as
/// non-negative moves only <c>WHERE balance + @d &gt;= 0</c>, so of two payouts racing for the same money the store lets
/// exactly one through. The balance the update returns is the account's balance after this entry, read under the row's
/// lock, so each line is written with the running balance after it (<see cref="JournalLine.BalanceAfter"/>) and a
/// statement's opening and closing balances are one index seek each, however long the account's history.
/// </summary>
internal sealed class Journal(LedgerDbContext db, TimeProvider clock)
{
    public async Task<PostOutcome> PostAsync(EntryDraft draft, CancellationToken ct, params string[] nonNegative)
    {
        var postings = draft.Postings.Where(p => p.Amount != 0).ToList();
        if (postings.Sum(p => p.Amount) != 0)
        {
            throw new InvalidOperationException($"Entry {draft.SourceKey} does not balance: {postings.Sum(p => p.Amount)}.");
        }

        if (db.Database.CurrentTransaction is null)
        {
            // The running balances are read under the accounts' row locks; without a transaction there are none.
            throw new InvalidOperationException($"Entry {draft.SourceKey} must be posted inside the caller's transaction.");
        }

        if (!draft.SourceChecked && await db.Entries.AnyAsync(e => e.SourceKey == draft.SourceKey, ct))
        {
            return PostOutcome.AlreadyPosted;
        }

        // Every account the entry touches is locked, even one its lines net to zero on: the running balance on its lines
        // is read under the lock like the others'.
        var deltas = postings.GroupBy(p => p.AccountId).Select(g => (Account: g.Key, Delta: g.Sum(p => p.Amount)))
            .OrderBy(d => d.Account, StringComparer.Ordinal).ToList();
        var running = new Dictionary<string, long>(StringComparer.Ordinal);
        var sql = Sql();
        DateTimeOffset? latestLine = null;
        foreach (var (account, delta) in deltas)
        {
            var guarded = nonNegative.Contains(account) && delta < 0;
            var shop = Accounts.ShopKinds.Contains(Accounts.KindOf(account));
            var move = (guarded, shop) switch
            {
                (true, true) => sql.MoveShopGuarded,
                (false, true) => sql.MoveShop,
                (true, false) => sql.MoveGuarded,
                (false, false) => sql.Move,
            };
            var moved = await MoveAsync(sql, move, account, delta, ct);
            if (moved is null && !guarded)
            {
                // A new account: create it (ON CONFLICT DO NOTHING, as two postings may create it at once), then move it.
                await ExecuteAsync(sql.Insert, [account, Accounts.KindOf(account), draft.Currency], ct);
                moved = await MoveAsync(sql, move, account, delta, ct);
            }

            if (moved is not { } m)
            {
                // Guarded and short of money (an account that does not exist yet holds nothing either).
                return PostOutcome.InsufficientFunds;
            }

            running[account] = m.Balance - delta;
            if (m.LastPostedAt is { } last && (latestLine is null || last > latestLine))
            {
                latestLine = last;
            }
        }

        // A shop account's lines are never dated before its last one, so its lines in (time, id) order stay the order its
        // balance moved in, which the statements' seeks and balance-after column rely on. The clock is read only now,
        // with every account's row locked: a posting that held one of these locks first has committed, and its clock
        // reading came before ours. The last line's time is kept on the account's row, which the balance update returns
        // under the lock: it covers a clock behind the one that wrote it (another instance's, or a clock set back), also
        // for a posting committed while this one waited for the lock. The platform's accounts, which every payment
        // touches, are not read: a clock once ahead would otherwise date every later entry of every shop after it.
        // Their lines' order is their ids' (the order of the row locks).
        var now = clock.GetUtcNow();
        if (latestLine is { } latest && latest > now)
        {
            now = latest;
        }

        var shopAccounts = deltas.Where(d => Accounts.ShopKinds.Contains(Accounts.KindOf(d.Account))).Select(d => (object)d.Account).ToList();
        if (shopAccounts.Count > 0)
        {
            // One statement for all of the entry's shop accounts: @p0 is the time, @p1… the accounts.
            var placeholders = string.Join(", ", Enumerable.Range(1, shopAccounts.Count).Select(i => "@p" + i.ToString(CultureInfo.InvariantCulture)));
            await ExecuteAsync($"{sql.SetLastPostedAtPrefix}{placeholders})", [sql.TimeToStore(now), .. shopAccounts], ct);
        }

        var month = now.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var entry = new JournalEntry
        {
            Id = Guid.CreateVersion7(),
            SourceKey = draft.SourceKey,
            Kind = draft.Kind,
            OrderId = draft.OrderId,
            ShopId = draft.ShopId,
            EventId = draft.EventId,
            Currency = draft.Currency,
            PostedAt = now,
            Note = draft.Note,
        };
        foreach (var p in postings)
        {
            var before = running[p.AccountId];
            running[p.AccountId] = before + p.Amount;
            entry.Lines.Add(new JournalLine
            {
                EntryId = entry.Id,
                AccountId = p.AccountId,
                Kind = draft.Kind,
                Amount = p.Amount,
                Currency = draft.Currency,
                OrderId = draft.OrderId,
                OrderLineId = p.OrderLineId,
                Subsector = p.Subsector,
                RateBps = p.RateBps,
                Month = month,
                PostedAt = now,
                BalanceAfter = before + p.Amount,
            });
        }

        // The entry and its lines are written by hand (two statements); whatever the caller tracks (its inbox row, a
        // refund's or payout's status) is saved with the usual SaveChanges, in the same transaction.
        await RowWriter.InsertAsync(db, [entry], ct);
        await RowWriter.InsertAsync(db, entry.Lines, ct);
        if (db.ChangeTracker.HasChanges())
        {
            await db.SaveChangesAsync(ct);
        }

        return PostOutcome.Posted;
    }

    /// <summary>
    /// Runs one balance update; the account's balance after it and (shop accounts) the time of its last line so far, or
    /// null when no row moved (missing, or guarded and short).
    /// </summary>
    private async Task<(long Balance, DateTimeOffset? LastPostedAt)?> MoveAsync(Statements sql, string move, string account, long delta, CancellationToken ct)
    {
        await using var command = Command(move, [account, delta]);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        var balance = reader.GetInt64(0);
        return (balance, reader.FieldCount < 2 || await reader.IsDBNullAsync(1, ct) ? null : sql.PostedAtFromStore(reader.GetValue(1)));
    }

    private async Task ExecuteAsync(string sql, object[] values, CancellationToken ct)
    {
        await using var command = Command(sql, values);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>A command on the context's connection and transaction: plain ADO.NET, as these run on every posting.</summary>
    private DbCommand Command(string sql, object[] values)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        command.CommandText = sql;
        for (var i = 0; i < values.Length; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@p" + i.ToString(CultureInfo.InvariantCulture);
            parameter.Value = values[i];
            command.Parameters.Add(parameter);
        }

        return command;
    }

    /// <summary>
    /// The journal's hand-written statements for one provider, with the converter EF uses for an account's last line time
    /// (SQLite keeps it as a number), looked up once instead of on every posting.
    /// </summary>
    private sealed record Statements(
        string Move, string MoveGuarded, string MoveShop, string MoveShopGuarded, string Insert, string SetLastPostedAtPrefix,
        ValueConverter? LastPostedAtConverter)
    {
        public object TimeToStore(DateTimeOffset time) => LastPostedAtConverter?.ConvertToProvider(time) ?? time;

        /// <summary>The account's last line time as the store returns it: through EF's converter where it has one.</summary>
        public DateTimeOffset PostedAtFromStore(object value) =>
            LastPostedAtConverter is { } converter ? (DateTimeOffset)converter.ConvertFromProvider(value)!
            : value switch
            {
                DateTimeOffset at => at,
                DateTime at => new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)),
                _ => throw new InvalidOperationException($"Unexpected time from the store: {value.GetType()}."),
            };
    }

    private static Statements? _sqlite;
    private static Statements? _postgres;

    /// <summary>The statements, built once per provider from the EF model's table and column names.</summary>
    private Statements Sql()
    {
        var postgres = db.Database.IsNpgsql();
        var cached = postgres ? _postgres : _sqlite;
        if (cached is not null)
        {
            return cached;
        }

        var quote = db.GetService<ISqlGenerationHelper>();
        var entity = db.Model.FindEntityType(typeof(LedgerAccount))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        string Column(string property) => quote.DelimitIdentifier(entity.FindProperty(property)!.GetColumnName(table)!);
        var qualified = quote.DelimitIdentifier(table.Name, table.Schema);
        var (id, balance) = (Column(nameof(LedgerAccount.Id)), Column(nameof(LedgerAccount.Balance)));

        var lastPostedAt = Column(nameof(LedgerAccount.LastPostedAt));

        var move = $"UPDATE {qualified} SET {balance} = {balance} + @p1 WHERE {id} = @p0";
        var guarded = $"{move} AND {balance} + @p1 >= 0";
        var statements = new Statements(
            $"{move} RETURNING {balance}",
            $"{guarded} RETURNING {balance}",
            $"{move} RETURNING {balance}, {lastPostedAt}",
            $"{guarded} RETURNING {balance}, {lastPostedAt}",
            $"INSERT INTO {qualified} ({id}, {Column(nameof(LedgerAccount.Kind))}, {Column(nameof(LedgerAccount.Currency))}, {balance}) " +
            $"VALUES (@p0, @p1, @p2, 0) ON CONFLICT ({id}) DO NOTHING",
            $"UPDATE {qualified} SET {lastPostedAt} = @p0 WHERE {id} IN (",
            entity.FindProperty(nameof(LedgerAccount.LastPostedAt))!.GetTypeMapping().Converter);
        return postgres ? _postgres = statements : _sqlite = statements;
    }
}
