using Marketplace.Cart.Contracts;

namespace Marketplace.Orders.Checkout;

/// <summary>
/// How a checkout's voucher becomes each order's discount: pure arithmetic in minor units, no store, no clock.
/// </summary>
internal static class VoucherSplit
{
    /// <summary>
    /// The voucher's discount on <paramref name="eligibleSubtotal"/>: a percentage (clamped to 0–100, rounded down) or a
    /// fixed amount, never more than the subtotal and never negative.
    /// </summary>
    public static long Discount(VoucherKind kind, long value, long eligibleSubtotal)
    {
        if (eligibleSubtotal <= 0)
        {
            return 0;
        }

        return kind == VoucherKind.Percentage
            ? (long)((Int128)eligibleSubtotal * Math.Clamp(value, 0, 100) / 100)
            : Math.Clamp(value, 0, eligibleSubtotal);
    }

    /// <summary>
    /// Splits <paramref name="discount"/> over orders in proportion to their <paramref name="subtotals"/> (rounded down),
    /// the last taking the rounding remainder; no share exceeds its order's subtotal. The shares add up to the discount
    /// whenever it does not exceed the subtotals' sum. 128-bit intermediates: rupiah × 100 amounts multiplied overflow a long.
    /// </summary>
    public static IReadOnlyList<long> Split(long discount, IReadOnlyList<long> subtotals)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(discount);
        var total = subtotals.Sum();
        var shares = new long[subtotals.Count];
        var left = discount;
        for (var i = 0; i < subtotals.Count; i++)
        {
            var share = i == subtotals.Count - 1 ? left : (long)((Int128)discount * subtotals[i] / Math.Max(1, total));
            share = Math.Clamp(share, 0, Math.Max(0, subtotals[i]));
            shares[i] = share;
            left -= share;
        }

        return shares;
    }
}
