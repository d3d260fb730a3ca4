using System.Globalization;
using Marketplace.Ledger.Persistence;
using Microsoft.EntityFrameworkCore;
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

/// <summary>An entry to post: where it comes from (unique), what it is about, and its sides.</summary>
internal sealed record EntryDraft(
    string SourceKey,
    string Kind,
    string Currency,
    IReadOnlyList<Posting> Postings,
    Guid? OrderId = null,
    Guid? ShopId = null,
    Guid? EventId = null,
    string? Note = null);

/// <summary>
/// Posts journal entries. The caller owns the transaction, so an entry commits together with whatever caused it (a refund
/// row, a payout row, an inbox row). Each account's balance moves by one <c>UPDATE … SET balance = balance + @d</c> in a
/// fixed account order (no deadlocks between two postings on PostgreSQL); an account listed as non-negative moves only
/// <c>WHERE balance + @d &gt;= 0</c>, so of two payouts racing for the same money the store lets exactly one through.
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

        if (await db.Entries.AnyAsync(e => e.SourceKey == draft.SourceKey, ct))
        {
            return PostOutcome.AlreadyPosted;
        }

        var deltas = postings.GroupBy(p => p.AccountId).Select(g => (Account: g.Key, Delta: g.Sum(p => p.Amount)))
            .Where(d => d.Delta != 0).OrderBy(d => d.Account, StringComparer.Ordinal).ToList();
        await EnsureAccountsAsync(deltas.Select(d => d.Account), draft.Currency, ct);
        foreach (var (account, delta) in deltas)
        {
            var guarded = nonNegative.Contains(account) && delta < 0;
            var moved = guarded
                ? await db.Accounts.Where(a => a.Id == account && a.Balance + delta >= 0).ExecuteUpdateAsync(s => s.SetProperty(a => a.Balance, a => a.Balance + delta), ct)
                : await db.Accounts.Where(a => a.Id == account).ExecuteUpdateAsync(s => s.SetProperty(a => a.Balance, a => a.Balance + delta), ct);
            if (moved == 0)
            {
                return PostOutcome.InsufficientFunds;
            }
        }

        var now = clock.GetUtcNow();
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
            });
        }

        db.Entries.Add(entry);
        await db.SaveChangesAsync(ct);
        return PostOutcome.Posted;
    }

    /// <summary><c>INSERT … ON CONFLICT DO NOTHING</c>: the same statement on SQLite and PostgreSQL, safe when two postings create one account.</summary>
    private async Task EnsureAccountsAsync(IEnumerable<string> ids, string currency, CancellationToken ct)
    {
        var missing = ids.ToList();
        var known = await db.Accounts.AsNoTracking().Where(a => missing.Contains(a.Id)).Select(a => a.Id).ToListAsync(ct);
        foreach (var id in missing.Except(known))
        {
            await db.Database.ExecuteSqlRawAsync(InsertAccountSql(), [id, Accounts.KindOf(id), currency], ct);
        }
    }

    private string? _insertSql;

    private string InsertAccountSql()
    {
        if (_insertSql is not null)
        {
            return _insertSql;
        }

        var entity = db.Model.FindEntityType(typeof(LedgerAccount))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        string Column(string property) => "\"" + entity.FindProperty(property)!.GetColumnName(table) + "\"";
        var qualified = (table.Schema is null ? "" : "\"" + table.Schema + "\".") + "\"" + table.Name + "\"";
        return _insertSql =
            $"INSERT INTO {qualified} ({Column(nameof(LedgerAccount.Id))}, {Column(nameof(LedgerAccount.Kind))}, {Column(nameof(LedgerAccount.Currency))}, {Column(nameof(LedgerAccount.Balance))}) " +
            $"VALUES ({{0}}, {{1}}, {{2}}, 0) ON CONFLICT ({Column(nameof(LedgerAccount.Id))}) DO NOTHING";
    }
}
