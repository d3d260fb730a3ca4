using Marketplace.Cart.Contracts;
using Marketplace.Orders.Checkout;

namespace Marketplace.Commerce.Tests;

/// <summary>The voucher's arithmetic on its own: the discount, and its split over a checkout's orders (minor units).</summary>
public sealed class VoucherSplitTests
{
    [Theory]
    [InlineData(10, 1_000_000, 100_000)]
    [InlineData(100, 1_000_000, 1_000_000)]
    [InlineData(150, 1_000_000, 1_000_000)] // clamped to 100 %
    [InlineData(-5, 1_000_000, 0)]
    [InlineData(33, 999, 329)] // rounded down: 329.67
    [InlineData(10, 0, 0)]
    public void A_percentage_voucher_takes_its_share_of_the_eligible_subtotal_rounded_down(long percent, long subtotal, long expected) =>
        Assert.Equal(expected, VoucherSplit.Discount(VoucherKind.Percentage, percent, subtotal));

    [Theory]
    [InlineData(50_000, 1_000_000, 50_000)]
    [InlineData(5_000_000, 1_000_000, 1_000_000)] // never more than the subtotal
    [InlineData(-1, 1_000_000, 0)]
    public void A_fixed_voucher_takes_its_amount_but_never_more_than_the_subtotal(long amount, long subtotal, long expected) =>
        Assert.Equal(expected, VoucherSplit.Discount(VoucherKind.Fixed, amount, subtotal));

    [Fact]
    public void A_discount_is_split_in_proportion_to_the_subtotals_and_the_last_order_takes_the_remainder()
    {
        var shares = VoucherSplit.Split(100, [1_000, 1_000, 1_000]);

        Assert.Equal([33, 33, 34], shares);
        Assert.Equal(100, shares.Sum());
    }

    [Fact]
    public void Shares_follow_the_subtotals()
    {
        var shares = VoucherSplit.Split(30_000, [100_000, 200_000]);

        Assert.Equal([10_000, 20_000], shares);
    }

    [Fact]
    public void A_whole_subtotal_discount_gives_every_order_exactly_its_subtotal()
    {
        long[] subtotals = [2_500_000, 2_500_001, 2_500_002];

        Assert.Equal(subtotals, VoucherSplit.Split(subtotals.Sum(), subtotals));
    }

    [Fact]
    public void One_order_takes_the_whole_discount()
    {
        Assert.Equal([12_345], VoucherSplit.Split(12_345, [99_999]));
    }

    [Fact]
    public void Rupiah_amounts_whose_product_overflows_a_long_split_exactly()
    {
        // 9 × 10^14 minor units each (9 trillion rupiah): discount × subtotal is about 10^30, far past a long.
        long[] subtotals = [900_000_000_000_000, 900_000_000_000_000];

        var shares = VoucherSplit.Split(1_000_000_000_000_000, subtotals);

        Assert.Equal([500_000_000_000_000, 500_000_000_000_000], shares);
    }

    [Fact]
    public void No_share_exceeds_its_order_subtotal_even_when_the_remainder_would()
    {
        var shares = VoucherSplit.Split(1_000, [10, 10]);

        Assert.All(shares.Zip([10L, 10L]), pair => Assert.True(pair.First <= pair.Second));
    }

    [Fact]
    public void A_negative_discount_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => VoucherSplit.Split(-1, [100]));
}
