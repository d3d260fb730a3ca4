using Marketplace.SharedKernel;
using Marketplace.SharedKernel.Events;

namespace Marketplace.Cart.Contracts;

/// <summary>
/// A shopper put a product in a cart (or raised its quantity). <see cref="BoothId"/> is set when the product was
/// added from a virtual booth: an opaque attribution id that the Cart stores and passes on without interpreting.
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
