namespace Marketplace.Ledger.Journal;

/// <summary>
/// The chart of accounts. Every account is identified by a readable code (its kind, its owner, its currency), so the
/// accounts a shop has are known without a lookup. Amounts on journal lines are signed: positive is a credit (money the
/// account's holder is owed or has received: a shop's balances, the platform's commission), negative a debit (the
/// payments clearing account holding shoppers' money, the platform's voucher spending). Every entry sums to zero, so all
/// balances together sum to zero.
/// </summary>
internal static class Accounts
{
    public const string ShopPending = "shop_pending";
    public const string ShopAvailable = "shop_available";
    public const string ShopInPayout = "shop_in_payout";
    public const string ShopPaidOut = "shop_paid_out";
    public const string Clearing = "payments_clearing";
    public const string Commission = "platform_commission";
    public const string Vouchers = "platform_vouchers";

    public static readonly IReadOnlyList<string> ShopKinds = [ShopPending, ShopAvailable, ShopInPayout, ShopPaidOut];

    public static string Shop(Guid shopId, string kind, string currency) => $"{kind}:{shopId:N}:{currency}";

    public static string Platform(string kind, string currency) => $"{kind}:platform:{currency}";

    public static string KindOf(string accountId) => accountId[..accountId.IndexOf(':', StringComparison.Ordinal)];

    /// <summary>The public name of an account kind in responses and CSV: pending, available, in_payout, paid_out, ….</summary>
    public static string PublicName(string kind) => kind switch
    {
        ShopPending => "pending",
        ShopAvailable => "available",
        ShopInPayout => "in_payout",
        ShopPaidOut => "paid_out",
        _ => kind,
    };

    public static string? FromPublicName(string name) => name switch
    {
        "pending" => ShopPending,
        "available" => ShopAvailable,
        "in_payout" => ShopInPayout,
        "paid_out" => ShopPaidOut,
        _ => null,
    };
}
