using AutoMapper;
using Marketplace.Cart.Contracts;
using Marketplace.Cart.Persistence;
using Marketplace.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Cart.Vouchers;

internal sealed class VoucherDirectory(CartDbContext db, IMapper mapper) : IVoucherDirectory
{
    public async Task<VoucherInfo?> FindAsync(string code, CancellationToken ct)
    {
        var normalized = Voucher.Normalize(code);
        var voucher = await db.Vouchers.AsNoTracking().SingleOrDefaultAsync(v => v.Code == normalized, ct);
        return voucher is null ? null : mapper.Map<VoucherInfo>(voucher);
    }
}

/// <summary>
/// Taking a use of a voucher: the redemption row (keyed by voucher and order group, so a retried checkout uses it once)
/// and one conditional UPDATE (<c>times_used = times_used + 1 WHERE usage_limit IS NULL OR times_used &lt; usage_limit</c>)
/// in one transaction (its own, or the checkout's shared one). Concurrent checkouts racing for the last use cannot both
/// get it: the store arbitrates.
/// </summary>
internal sealed class VoucherRedemptions(CartDbContext db, SharedStoreTransaction shared, TimeProvider clock) : IVoucherRedemptions
{
    public async Task<VoucherRedemptionOutcome> RedeemAsync(string code, Guid orderGroupId, CancellationToken ct)
    {
        var enlisted = shared.Enlist(db);
        var normalized = Voucher.Normalize(code);
        var voucher = await db.Vouchers.AsNoTracking().SingleOrDefaultAsync(v => v.Code == normalized, ct);
        if (voucher is null)
        {
            return VoucherRedemptionOutcome.NotFound;
        }

        if (await db.VoucherRedemptions.AnyAsync(r => r.VoucherId == voucher.Id && r.OrderGroupId == orderGroupId, ct))
        {
            return VoucherRedemptionOutcome.AlreadyRedeemed;
        }

        var now = clock.GetUtcNow();
        if (now < voucher.ValidFrom || now >= voucher.ValidUntil)
        {
            return VoucherRedemptionOutcome.NotValidNow;
        }

        await using var transaction = enlisted ? null : await db.Database.BeginTransactionAsync(ct);
        var taken = await db.Vouchers
            .Where(v => v.Id == voucher.Id && (v.UsageLimit == null || v.TimesUsed < v.UsageLimit))
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.TimesUsed, v => v.TimesUsed + 1), ct);
        if (taken == 0)
        {
            if (transaction is not null)
            {
                await transaction.RollbackAsync(ct);
            }

            return VoucherRedemptionOutcome.UsedUp;
        }

        db.VoucherRedemptions.Add(new VoucherRedemption { VoucherId = voucher.Id, OrderGroupId = orderGroupId, RedeemedAt = now });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (transaction is not null)
        {
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return VoucherRedemptionOutcome.AlreadyRedeemed;
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }

        db.ChangeTracker.Clear();
        return VoucherRedemptionOutcome.Redeemed;
    }

    public async Task ReleaseAsync(string code, Guid orderGroupId, CancellationToken ct)
    {
        var normalized = Voucher.Normalize(code);
        var voucherId = await db.Vouchers.Where(v => v.Code == normalized).Select(v => (Guid?)v.Id).SingleOrDefaultAsync(ct);
        if (voucherId is null)
        {
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var removed = await db.VoucherRedemptions.Where(r => r.VoucherId == voucherId && r.OrderGroupId == orderGroupId).ExecuteDeleteAsync(ct);
        if (removed == 1)
        {
            await db.Vouchers.Where(v => v.Id == voucherId && v.TimesUsed > 0)
                .ExecuteUpdateAsync(s => s.SetProperty(v => v.TimesUsed, v => v.TimesUsed - 1), ct);
        }

        await transaction.CommitAsync(ct);
    }
}
