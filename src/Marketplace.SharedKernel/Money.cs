namespace Marketplace.SharedKernel;

/// <summary>
/// An amount in ISO-4217 minor units (IDR has two: 2500000 is Rp 25.000) and its currency.
/// Integers only: floating point cannot represent money exactly.
/// </summary>
public readonly record struct Money(long Amount, string Currency)
{
    public const string DefaultCurrency = "IDR";

    /// <summary>Currencies the marketplace prices in; each has two minor units.</summary>
    public static readonly IReadOnlySet<string> SupportedCurrencies =
        new HashSet<string>(StringComparer.Ordinal) { "IDR", "USD", "SGD", "MYR", "EUR" };

    public static Money Idr(long minorUnits) => new(minorUnits, DefaultCurrency);

    public static Money Zero(string currency) => new(0, currency);

    public Money Add(Money other)
    {
        EnsureSameCurrency(other);
        return this with { Amount = checked(Amount + other.Amount) };
    }

    public Money Multiply(int quantity) => this with { Amount = checked(Amount * quantity) };

    private void EnsureSameCurrency(Money other)
    {
        if (!string.Equals(Currency, other.Currency, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Cannot combine {Currency} with {other.Currency}.");
        }
    }

    public override string ToString() => $"{Amount / 100m:0.00} {Currency}";
}
