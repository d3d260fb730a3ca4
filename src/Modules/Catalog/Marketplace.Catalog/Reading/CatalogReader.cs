using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Marketplace.BuildingBlocks.Persistence;
using Marketplace.Catalog.Contracts;
using Marketplace.SharedKernel;
using Marketplace.Catalog.Media;
using Marketplace.Catalog.Persistence;
using Marketplace.Catalog.Products;
using Marketplace.Catalog.Shops;
using Marketplace.Catalog.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Catalog.Reading;

/// <summary>The Catalog's read side for other modules (see <see cref="ICatalogReader"/>).</summary>
internal sealed partial class CatalogReader(CatalogDbContext db, TaxonomySnapshot taxonomy, CatalogImages images) : ICatalogReader
{
    public async Task<ShopSummary?> GetShopAsync(Guid shopId, CancellationToken ct)
    {
        var shop = await db.Shops.AsNoTracking().SingleOrDefaultAsync(s => s.Id == shopId, ct);
        return shop is null ? null : Summary(shop);
    }

    public async Task<IReadOnlyList<ShopSummary>> GetShopsAsync(IReadOnlyCollection<Guid> shopIds, CancellationToken ct)
    {
        if (shopIds.Count == 0)
        {
            return [];
        }

        var ids = shopIds.Distinct().ToList();
        return (await db.Shops.AsNoTracking().Where(s => ids.Contains(s.Id)).ToListAsync(ct)).Select(Summary).ToList();
    }

    public async Task<IReadOnlyList<ShopSummary>> GetShopsOwnedByAsync(Guid ownerId, CancellationToken ct) =>
        (await db.Shops.AsNoTracking().Where(s => s.OwnerId == ownerId).OrderBy(s => s.CreatedAt).ToListAsync(ct)).Select(Summary).ToList();

    public async Task<IReadOnlyList<ProductSummary>> GetProductsAsync(IReadOnlyCollection<Guid> productIds, CancellationToken ct)
    {
        if (productIds.Count == 0)
        {
            return [];
        }

        var ids = productIds.Distinct().ToList();
        var rows = new List<SummaryRow>(ids.Count);
        await foreach (var row in SummaryRows.For(db)(db, ids).WithCancellation(ct))
        {
            rows.Add(row);
        }

        var covers = await images.CoverCardsAsync(ids, fromStore: false, ct);
        return rows.Select(r => new ProductSummary(r.Id, r.ShopId, r.ShopSlug, r.ShopName, r.Name, new Money(r.PriceAmount, r.PriceCurrency),
            r.Stock, r.SubsectorCode, r.Status, r.ShopStatus, covers.GetValueOrDefault(r.Id) ?? r.ImageUrls.FirstOrDefault())).ToList();
    }

    /// <summary>
    /// Only the columns a summary shows, as a compiled query: every add to cart and checkout reads these, and neither the
    /// product's long texts (descriptions, story) nor the shop's other columns belong in it; compiling once skips the
    /// per-call expression-tree hashing and cache lookup.
    /// </summary>
    private static readonly CompiledPerModel<Func<CatalogDbContext, List<Guid>, IAsyncEnumerable<SummaryRow>>> SummaryRows = new(() =>
        EF.CompileAsyncQuery((CatalogDbContext db, List<Guid> ids) => db.Products.AsNoTracking()
            .Where(p => ids.Contains(p.Id))
            .Join(db.Shops.AsNoTracking(), p => p.ShopId, s => s.Id, (p, s) => new SummaryRow(
                p.Id, p.ShopId, s.Slug, s.Name, p.Name, p.PriceAmount, p.PriceCurrency, p.Stock, p.SubsectorCode, p.Status, s.Status, p.ImageUrls))));

    private sealed record SummaryRow(
        Guid Id, Guid ShopId, string ShopSlug, string ShopName, string Name, long PriceAmount, string PriceCurrency, int Stock,
        string SubsectorCode, ProductStatus Status, ShopStatus ShopStatus, List<string> ImageUrls);

    public async Task<IReadOnlyList<ProductSearchDocument>> GetSearchDocumentsAsync(IReadOnlyCollection<Guid> productIds, CancellationToken ct)
    {
        var rows = await WithShopsAndCoversAsync(productIds, coversFromStore: true, ct);
        var t = await taxonomy.GetAsync(ct);
        return rows.Select(r => Document(r.Product, r.Shop, t, r.Picture)).ToList();
    }

    /// <summary>The products that exist among these ids with their shops and pictures: two queries, whatever the count.</summary>
    private async Task<List<(Product Product, Shop Shop, string? Picture)>> WithShopsAndCoversAsync(
        IReadOnlyCollection<Guid> productIds, bool coversFromStore, CancellationToken ct)
    {
        if (productIds.Count == 0)
        {
            return [];
        }

        var ids = productIds.Distinct().ToList();
        var rows = await db.Products.AsNoTracking()
            .Where(p => ids.Contains(p.Id))
            .Join(db.Shops.AsNoTracking(), p => p.ShopId, s => s.Id, (p, s) => new { Product = p, Shop = s })
            .ToListAsync(ct);
        var covers = await images.CoverCardsAsync(ids, coversFromStore, ct);
        return rows.Select(r => (r.Product, r.Shop, Picture(r.Product, covers))).ToList();
    }

    public async IAsyncEnumerable<ProductSearchDocument> StreamSearchDocumentsAsync([EnumeratorCancellation] CancellationToken ct)
    {
        var t = await taxonomy.GetAsync(ct);
        var shops = await db.Shops.AsNoTracking().ToDictionaryAsync(s => s.Id, ct);
        // One streaming read: rows arrive as they are consumed, so memory stays flat however many products there are
        // (and under WAL a long reader does not block writers).
        // The cover photos are asked for a batch at a time, so a full rebuild costs one gallery query per 500 products.
        var batch = new List<Product>(500);
        await foreach (var product in db.Products.AsNoTracking().OrderBy(p => p.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            batch.Add(product);
            if (batch.Count == batch.Capacity)
            {
                foreach (var document in await DocumentsAsync(batch))
                {
                    yield return document;
                }

                batch.Clear();
            }
        }

        foreach (var document in await DocumentsAsync(batch))
        {
            yield return document;
        }

        async Task<List<ProductSearchDocument>> DocumentsAsync(List<Product> products)
        {
            var covers = products.Count == 0 ? new Dictionary<Guid, string?>() : await images.CoverCardsAsync(products.Select(p => p.Id).ToList(), fromStore: true, ct);
            return products.Select(p => Document(p, shops[p.ShopId], t, Picture(p, covers))).ToList();
        }
    }

    public async Task<IReadOnlyList<Guid>> GetProductIdsOfShopAsync(Guid shopId, CancellationToken ct) =>
        await db.Products.AsNoTracking().Where(p => p.ShopId == shopId).Select(p => p.Id).ToListAsync(ct);

    private static ShopSummary Summary(Shop s) =>
        new(s.Id, s.OwnerId, s.Slug, s.Name, s.CityCode, s.Subsectors.ToList(), s.Status, s.Verified, s.ShippingFlatRate);

    /// <summary>The cover photo from the Media module when it is ready, else the merchant's first own image URL.</summary>
    private static string? Picture(Product product, IReadOnlyDictionary<Guid, string?> covers) =>
        covers.GetValueOrDefault(product.Id) ?? product.ImageUrls.FirstOrDefault();

    private static ProductSearchDocument Document(Product p, Shop s, TaxonomySnapshot.Loaded t, string? picture)
    {
        // Products are found where they are sold from: the shop's city (the origin city may differ, e.g. a Kediri
        // shop selling Palembang songket).
        var city = t.CitiesByCode.GetValueOrDefault(s.CityCode);
        var province = city is null ? null : t.ProvincesByCode.GetValueOrDefault(city.ProvinceCode);
        var subsector = t.SubsectorsByCode.GetValueOrDefault(p.SubsectorCode);
        return new ProductSearchDocument(
            p.Id, s.Id, s.Slug, s.Name, s.Verified,
            p.Name, p.NameEn, PlainText(p.Description), PlainText(p.DescriptionEn), PlainText(p.Story),
            p.Category, p.Materials.ToList(),
            p.SubsectorCode, subsector?.Name ?? p.SubsectorCode,
            s.CityCode, city?.Name ?? s.CityCode, city?.ProvinceCode ?? "", province?.Name ?? "",
            p.Price, p.Stock, p.HalalCertificate is not null, p.Handmade ?? false, picture,
            p.CreatedAt, p.PublishedAt, p.Version,
            IsSearchable: p.Status == ProductStatus.Published && s.Status == ShopStatus.Active,
            RatingAverage: p.RatingAverage,
            RatingCount: p.RatingCount);
    }

    /// <summary>Stored rich text is already sanitized; search indexes its words, not its tags.</summary>
    private static string? PlainText(string? html)
    {
        if (html is null)
        {
            return null;
        }

        var text = System.Net.WebUtility.HtmlDecode(Tags().Replace(html, " "));
        return Spaces().Replace(text, " ").Trim();
    }

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
