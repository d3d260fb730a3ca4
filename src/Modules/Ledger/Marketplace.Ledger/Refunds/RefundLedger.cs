using Marketplace.Ledger.Contracts;
using Marketplace.Ledger.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Ledger.Refunds;

internal sealed class RefundLedger(LedgerDbContext db) : IRefundLedger
{
    public async Task<long> RefundedAmountAsync(Guid orderId, CancellationToken ct) =>
        await db.Refunds.AsNoTracking().Where(r => r.OrderId == orderId).SumAsync(r => r.Amount, ct);

    public async Task<Guid?> PendingRefundAsync(Guid orderId, CancellationToken ct) =>
        await db.Refunds.AsNoTracking().Where(r => r.OrderId == orderId && r.Status == RefundStatus.Pending)
            .OrderBy(r => r.Id).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(ct);
}
