using Marketplace.Cart.Contracts;
using Marketplace.Catalog.Contracts;
using Marketplace.Exhibitions.Exhibitions;
using Marketplace.SharedKernel;

namespace Marketplace.Exhibitions.Booths;

/// <summary>A featured product as the Catalog has it now (name, price, stock), not a copy taken when it was featured.</summary>
internal sealed record FeaturedProduct(Guid Id, string Name, Money Price, bool InStock, string? ImageUrl, string ShopSlug);

internal sealed record LiveSessionResponse(string Title, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string StreamUrl, bool OnAir);

/// <summary>The booth's exhibition promo: a Cart voucher, shown with its terms.</summary>
internal sealed record PromoResponse(string Code, VoucherKind Kind, long Value, string Currency, DateTimeOffset ValidFrom, DateTimeOffset ValidUntil, bool Active);

internal sealed record BoothResponse(
    Guid Id,
    Guid ExhibitionId,
    string ExhibitionSlug,
    string ExhibitionTitle,
    ExhibitionStatus ExhibitionStatus,
    Guid ShopId,
    string ShopName,
    string ShopSlug,
    string Tier,
    string Hall,
    int Slot,
    IReadOnlyList<string> Subsectors,
    string? BannerUrl,
    string? Story,
    IReadOnlyList<FeaturedProduct> FeaturedProducts,
    string? VideoUrl,
    IReadOnlyList<BoothDocument> Documents,
    IReadOnlyList<LiveSessionResponse> LiveSessions,
    PromoResponse? Promo,
    BoothStatus Status,
    DateTimeOffset OpenedAt,
    long Version);

/// <summary>Builds the booth page: the stored booth plus live catalog data and the promo voucher's current terms.</summary>
internal sealed class BoothPages(ICatalogReader catalog, IServiceProvider services)
{
    public async Task<BoothResponse> BuildAsync(Booth booth, Exhibition exhibition, DateTimeOffset now, CancellationToken ct)
    {
        var featured = new List<FeaturedProduct>();
        if (booth.FeaturedProductIds.Count > 0)
        {
            var products = (await catalog.GetProductsAsync(booth.FeaturedProductIds, ct)).ToDictionary(p => p.Id);
            foreach (var id in booth.FeaturedProductIds)
            {
                // A product unpublished or deleted since it was featured simply drops out of the booth.
                if (products.TryGetValue(id, out var p) && p.IsSellable && p.ShopId == booth.ShopId)
                {
                    featured.Add(new FeaturedProduct(p.Id, p.Name, p.Price, p.Stock > 0, p.ImageUrl, p.ShopSlug));
                }
            }
        }

        PromoResponse? promo = null;
        if (booth.PromoCode is { } code && services.GetService(typeof(IVoucherDirectory)) is IVoucherDirectory vouchers)
        {
            var voucher = await vouchers.FindAsync(code, ct);
            if (voucher is not null)
            {
                promo = new PromoResponse(voucher.Code, voucher.Kind, voucher.Value, voucher.Currency, voucher.ValidFrom, voucher.ValidUntil,
                    voucher.ValidFrom <= now && now < voucher.ValidUntil && (voucher.UsageLimit is null || voucher.TimesUsed < voucher.UsageLimit));
            }
        }
        var sessions = booth.LiveSessions
            .OrderBy(s => s.StartsAt)
            .Select(s => new LiveSessionResponse(s.Title, Jakarta.Local(s.StartsAt), Jakarta.Local(s.EndsAt), s.StreamUrl, s.StartsAt <= now && now < s.EndsAt))
            .ToList();

        return new BoothResponse(booth.Id, booth.ExhibitionId, booth.ExhibitionSlug, exhibition.Title, exhibition.StatusAt(now), booth.ShopId,
            booth.ShopName, booth.ShopSlug, booth.TierName, booth.HallName, booth.Slot, booth.Subsectors.ToList(), booth.BannerUrl, booth.Story,
            featured, booth.VideoUrl, booth.Documents, sessions, promo, booth.Status, Jakarta.Local(booth.OpenedAt), booth.Version);
    }
}
