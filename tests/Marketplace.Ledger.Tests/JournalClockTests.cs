using Marketplace.Ledger.Journal;
using Marketplace.Ledger.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Ledger.Tests;

/// <summary>
/// A shop account's lines are never dated before its last one, also when the posting that wrote that line ran on an
/// instance whose clock is ahead and committed while this posting waited for the account's row lock. PostgreSQL only:
/// there writers wait on row locks (SQLite has one writer at a time).
/// </summary>
[Collection(LedgerPostgresCollection.Name)]
public sealed class JournalClockTests(LedgerAppOnPostgres app)
{
    [Fact]
    public async Task A_posting_that_waited_for_a_lock_is_dated_no_earlier_than_the_line_committed_by_the_lock_holder()
    {
        var shop = Guid.NewGuid();
        var pending = Accounts.Shop(shop, Accounts.ShopPending, "IDR");
        var available = Accounts.Shop(shop, Accounts.ShopAvailable, "IDR");
        var clearing = Accounts.Platform(Accounts.Clearing, "IDR");
        var ahead = new MovableClock();
        ahead.Advance(TimeSpan.FromHours(1));

        // The accounts exist already (a posting that creates one waits on its insert instead, and then re-reads).
        await using (var openingScope = app.Services.CreateAsyncScope())
        {
            var openingDb = openingScope.ServiceProvider.GetRequiredService<LedgerDbContext>();
            await using var opening = await openingDb.Database.BeginTransactionAsync();
            await new Ledger.Journal.Journal(openingDb, TimeProvider.System).PostAsync(
                new EntryDraft("test_opening:" + shop, "order_paid", "IDR", [new Posting(pending, 1_000), new Posting(clearing, -1_000)]), default);
            await opening.CommitAsync();
        }

        // The holder (an instance an hour ahead) posts to the shop's pending account and keeps its transaction open.
        await using var holderScope = app.Services.CreateAsyncScope();
        var holderDb = holderScope.ServiceProvider.GetRequiredService<LedgerDbContext>();
        await using var holder = await holderDb.Database.BeginTransactionAsync();
        Assert.Equal(PostOutcome.Posted, await new Ledger.Journal.Journal(holderDb, ahead).PostAsync(
            new EntryDraft("test_paid:" + shop, "order_paid", "IDR", [new Posting(pending, 5_000), new Posting(clearing, -5_000)]), default));

        // The waiter (an instance on the real clock) moves money out of that account: it takes the available account's
        // lock, then waits for the pending account's.
        await using var waiterScope = app.Services.CreateAsyncScope();
        var waiterDb = waiterScope.ServiceProvider.GetRequiredService<LedgerDbContext>();
        await using var waiter = await waiterDb.Database.BeginTransactionAsync();
        var waiting = new Ledger.Journal.Journal(waiterDb, TimeProvider.System).PostAsync(
            new EntryDraft("test_released:" + shop, "order_released", "IDR", [new Posting(pending, -5_000), new Posting(available, 5_000)]), default);
        await Task.Delay(500);
        Assert.False(waiting.IsCompleted, "the release should wait for the pending account's row lock");

        await holder.CommitAsync();
        Assert.Equal(PostOutcome.Posted, await waiting);
        await waiter.CommitAsync();

        await using var readScope = app.Services.CreateAsyncScope();
        var lines = await readScope.ServiceProvider.GetRequiredService<LedgerDbContext>().Lines.AsNoTracking()
            .Where(l => l.AccountId == pending).OrderBy(l => l.Id).Select(l => new { l.Amount, l.PostedAt, l.BalanceAfter }).ToListAsync();
        Assert.Equal([1_000L, 5_000L, -5_000L], lines.Select(l => l.Amount));
        Assert.True(lines[2].PostedAt >= lines[1].PostedAt,
            $"the release ({lines[2].PostedAt:O}) is dated before the payment it waited for ({lines[1].PostedAt:O})");
        Assert.Equal([1_000L, 6_000L, 1_000L], lines.Select(l => l.BalanceAfter));
    }
}
