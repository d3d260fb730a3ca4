namespace Marketplace.Ledger;

/// <summary>Configuration section <c>Ledger</c>.</summary>
internal sealed class LedgerOptions
{
    /// <summary>The commission rate (basis points: 500 = 5 %) until an admin sets one.</summary>
    public int DefaultCommissionRateBps { get; set; } = 500;

    /// <summary>A shipped order's share becomes available this long after shipping if nobody completed it.</summary>
    public TimeSpan ReleaseAfterShipped { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often the release job, the pending-refund recovery and the weekly payout job look.</summary>
    public TimeSpan JobInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// A refund still pending this long after it was claimed is settled by the recovery (its request died or lost
    /// Stripe's answer). Longer than a refund request can take (Stripe.net waits up to 80 s for an answer).
    /// </summary>
    public TimeSpan PendingRefundGrace { get; set; } = TimeSpan.FromMinutes(2);

    public PayoutOptions Payouts { get; set; } = new();
}

internal sealed class PayoutOptions
{
    /// <summary>The smallest payout a shop may request, in minor units (Rp 50.000).</summary>
    public long MinimumAmount { get; set; } = 5_000_000;

    /// <summary><c>manual</c> (an admin transfers and marks paid); a disbursement provider's name when one is plugged in.</summary>
    public string Provider { get; set; } = "manual";

    /// <summary>The day shops that opted in get their whole available balance paid out (weekly scheduled payouts).</summary>
    public DayOfWeek WeeklyDay { get; set; } = DayOfWeek.Monday;
}
