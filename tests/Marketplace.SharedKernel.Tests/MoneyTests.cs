namespace Marketplace.SharedKernel.Tests;

public sealed class MoneyTests
{
    [Fact]
    public void Amounts_in_the_same_currency_add_up_in_minor_units()
    {
        Assert.Equal(Money.Idr(40_000_00), Money.Idr(25_000_00).Add(Money.Idr(15_000_00)));
    }

    [Fact]
    public void Amounts_in_different_currencies_do_not_add_up()
    {
        Assert.Throws<InvalidOperationException>(() => Money.Idr(100).Add(new Money(100, "USD")));
    }

    [Fact]
    public void An_overflowing_multiplication_throws_instead_of_wrapping()
    {
        Assert.Throws<OverflowException>(() => Money.Idr(long.MaxValue / 2).Multiply(3));
    }
}
