using Marketplace.SharedKernel;
using Marketplace.SharedKernel.Events;

namespace Marketplace.Cart.Contracts;

/// <summary>
/// A shopper put a product in a cart (or raised its quantity) from a virtual booth. <see cref="BoothId"/> is that
/// booth: an opaque attribution id that the Cart stores and passes on without interpreting. Published only for adds
/// that carry a booth (attribution is its one use); an add without one publishes nothing.
/// </summary>
public sealed record CartItemAdded(
    Guid CartId,
    Guid ProductId,
    Guid ShopId,
    int Quantity,
    Guid? BoothId,
    Guid? UserId,
    DateTimeOffset AddedAt) : IntegrationEvent;

public enum VoucherKind
{
    Percentage,
    Fixed,
}

/// <summary>A voucher as other modules (an exhibition's booth promo) may see it.</summary>
public sealed record VoucherInfo(
    string Code,
    VoucherKind Kind,
    /// <summary>Percent (1–100) for Percentage; minor units for Fixed.</summary>
    long Value,
    string Currency,
    Guid? ShopId,
    DateTimeOffset ValidFrom,
    DateTimeOffset ValidUntil,
    int? UsageLimit,
    int TimesUsed);

/// <summary>Voucher look-ups for other modules; vouchers are owned by the Cart module.</summary>
public interface IVoucherDirectory
{
    Task<VoucherInfo?> FindAsync(string code, CancellationToken ct);
}

/// <summary>One line of a signed-in shopper's cart as the checkout sees it.</summary>
public sealed record CheckoutCartLine(Guid LineId, Guid ProductId, Guid ShopId, int Quantity, Money UnitPriceSeen, Guid? BoothId);

/// <summary>A cart handed to the checkout.</summary>
public sealed record CheckoutCart(Guid CartId, Guid UserId, IReadOnlyList<CheckoutCartLine> Lines);

/// <summary>What the checkout (Orders module) needs of carts: read the shopper's cart, then remove what was ordered.</summary>
public interface ICartCheckout
{
    /// <summary>The signed-in shopper's cart, or null when they have none.</summary>
    Task<CheckoutCart?> FindForUserAsync(Guid userId, CancellationToken ct);

    /// <summary>Removes the ordered lines (lines added meanwhile stay). Idempotent.</summary>
    Task RemoveLinesAsync(Guid cartId, IReadOnlyCollection<Guid> lineIds, CancellationToken ct);
}

/// <summary>The outcome of taking one use of a voucher for an order group.</summary>
public enum VoucherRedemptionOutcome
{
    Redeemed,
    /// <summary>This order group already holds a use of this voucher: nothing changed (idempotent retry).</summary>
    AlreadyRedeemed,
    NotFound,
    NotValidNow,
    UsedUp,
}

/// <summary>Voucher uses, for the checkout: one atomic conditional update, so a voucher is never used beyond its limit.</summary>
public interface IVoucherRedemptions
{
    Task<VoucherRedemptionOutcome> RedeemAsync(string code, Guid orderGroupId, CancellationToken ct);

    /// <summary>Gives the use back (the checkout failed after redeeming, or the whole group was cancelled). Idempotent.</summary>
    Task ReleaseAsync(string code, Guid orderGroupId, CancellationToken ct);
}
