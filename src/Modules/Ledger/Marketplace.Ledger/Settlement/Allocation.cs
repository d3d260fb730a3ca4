namespace Marketplace.Ledger.Settlement;

/// <summary>
/// Integer arithmetic on minor units; nothing here is ever a floating-point number.
/// </summary>
internal static class Allocation
{
    /// <summary>
    /// The commission on <paramref name="amount"/> at <paramref name="rateBps"/> basis points (1 bp = 0.01 %), rounded half
    /// up to the minor unit.
    /// </summary>
    public static long Commission(long amount, int rateBps) => (amount * rateBps + 5_000) / 10_000;

    /// <summary>
    /// Splits <paramref name="total"/> over <paramref name="weights"/> in proportion, by largest remainder, so the parts
    /// sum to the total exactly (a voucher's discount over an order's lines).
    /// </summary>
    public static long[] Proportional(long total, IReadOnlyList<long> weights)
    {
        var parts = new long[weights.Count];
        var sum = weights.Sum();
        if (sum <= 0 || total == 0)
        {
            return parts;
        }

        var remainders = new (long Remainder, int Index)[weights.Count];
        long given = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            var exact = (Int128)total * weights[i];
            parts[i] = (long)(exact / sum);
            remainders[i] = ((long)(exact % sum), i);
            given += parts[i];
        }

        foreach (var (_, index) in remainders.OrderByDescending(r => r.Remainder).ThenBy(r => r.Index).Take((int)(total - given)))
        {
            parts[index]++;
        }

        return parts;
    }

    /// <summary>
    /// The part of <paramref name="amount"/> that belongs to units <paramref name="from"/>..<paramref name="to"/> of
    /// <paramref name="quantity"/>: cumulative floors, so refunding a line unit by unit (or all at once) gives back exactly
    /// the line's amount in the end, never a sen more or less.
    /// </summary>
    public static long Slice(long amount, int quantity, int from, int to) =>
        (long)((Int128)amount * to / quantity) - (long)((Int128)amount * from / quantity);
}
