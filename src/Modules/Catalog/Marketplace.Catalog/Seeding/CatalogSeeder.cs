using Marketplace.BuildingBlocks.Modules;
using Marketplace.BuildingBlocks.Outbox;
using Marketplace.BuildingBlocks.Text;
using Marketplace.Catalog.Contracts;
using Marketplace.Catalog.Persistence;
using Marketplace.Catalog.Products;
using Marketplace.Catalog.Shops;
using Marketplace.Catalog.Taxonomy;
using Marketplace.Identity.Contracts;
using Marketplace.SharedKernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Catalog.Seeding;

/// <summary>Taxonomy on every start (upserted from the shipped files); the demo storefronts when asked.</summary>
internal sealed class CatalogSeeder(IServiceScopeFactory scopes, TaxonomySnapshot taxonomy, TimeProvider clock) : IDataSeeder
{
    public int Order => 10;

    public async Task SeedReferenceDataAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        await UpsertAsync(db.Subsectors, Subsector.All, s => s.Code, (existing, fresh) =>
        {
            existing.Name = fresh.Name;
            existing.NameEn = fresh.NameEn;
            existing.SortOrder = fresh.SortOrder;
        }, ct);
        await UpsertAsync(db.Provinces, RegionData.Provinces(), p => p.Code, (existing, fresh) => existing.Name = fresh.Name, ct);
        await UpsertAsync(db.Cities, RegionData.Cities(), c => c.Code, (existing, fresh) =>
        {
            existing.Name = fresh.Name;
            existing.SearchName = fresh.SearchName;
            existing.ProvinceCode = fresh.ProvinceCode;
        }, ct);
        await db.SaveChangesAsync(ct);
        taxonomy.Reset();
    }

    public async Task<SeedReport> SeedDemoAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        if (await db.Shops.AnyAsync(s => s.OwnerId == DemoAccounts.MerchantId(1), ct))
        {
            return SeedReport.Nothing(CatalogDbContext.Module);
        }

        var now = clock.GetUtcNow();
        var kinds = DemoCatalogData.Kinds.ToDictionary(k => k.Code);
        var products = 0;
        for (var i = 0; i < DemoCatalogData.Shops.Length; i++)
        {
            var demo = DemoCatalogData.Shops[i];
            var shop = new Shop(DeterministicId("shop", i), DemoAccounts.MerchantId(i + 1), Slug.From(demo.Name), demo.Name, demo.CityCode, demo.Subsectors, now)
            {
                Story = RichText.Sanitize(
                    $"<p>{demo.Name} dirintis oleh {demo.Founder} sejak {demo.Since} di {demo.Place}. " +
                    $"Sampai hari ini kami masih {demo.Craft}, dengan bahan dari pemasok di sekitar kami.</p>" +
                    "<p>Setiap pesanan dikemas sendiri oleh keluarga kami. Terima kasih sudah mendukung UMKM lokal!</p>"),
                ContactPhone = $"+62 812 {3000 + i:D4} {1000 + (i * 37 % 9000):D4}",
            };
            if (i % 3 != 2)
            {
                shop.Verify(now);
            }

            db.Shops.Add(shop);
            db.AddIntegrationEvent(shop.ChangedEvent(now));
            var kind = kinds[demo.KindCode];
            var n = 0;
            foreach (var template in kind.Products)
            {
                foreach (var variant in kind.Variants)
                {
                    var product = NewProduct(DeterministicId("product", (i * 100) + n), shop, template, variant, demo, now);
                    n++;
                    db.Products.Add(product);
                    db.AddIntegrationEvent(new ProductPublished(product.Id, shop.Id, product.Version) { OccurredAt = now });
                    products++;
                }
            }
        }

        await db.SaveChangesAsync(ct);
        return new SeedReport(CatalogDbContext.Module,
            [$"Demo catalog: {DemoCatalogData.Shops.Length} shops in Palembang, Malang and Kediri with {products} products."]);
    }

    private static Product NewProduct(Guid id, Shop shop, DemoCatalogData.ProductTemplate t, (string Suffix, string SuffixEn, decimal PriceFactor) variant, DemoCatalogData.DemoShop demo, DateTimeOffset now)
    {
        var rupiah = (long)Math.Round(t.PriceRupiah * variant.PriceFactor / 500m) * 500;
        var product = new Product(id, shop.Id, now)
        {
            Name = $"{t.Name} {variant.Suffix}",
            NameEn = $"{t.NameEn}, {variant.SuffixEn}",
            Description = RichText.Sanitize($"<p>{t.Description}</p>"),
            Story = RichText.Sanitize($"<p>Dibuat oleh {demo.Founder} di {demo.Place}, yang sejak {demo.Since} {demo.Craft}.</p>"),
            Price = Money.Idr(rupiah * 100),
            SubsectorCode = t.Subsector,
            Category = t.Category,
            Stock = 5 + (int)(id.GetHashCode() & 0x7F),
            ShelfLifeDays = t.ShelfLifeDays,
            Materials = t.Materials.ToList(),
            Handmade = t.Handmade,
            OriginCityCode = demo.CityCode,
            // No external picture URLs: the Media module draws each demo product a photo (nothing here needs the internet).
        };
        if (t.Food)
        {
            product.HalalCertificate = $"ID{demo.CityCode.Replace(".", "", StringComparison.Ordinal)}0000{Math.Abs(id.GetHashCode()) % 100000:D5}";
            product.PirtNumber = $"2{demo.CityCode.Replace(".", "", StringComparison.Ordinal)}01{Math.Abs(id.GetHashCode()) % 1000000:D6}25";
        }

        product.Publish(now);
        return product;
    }

    /// <summary>Stable ids, so the demo data is the same on every machine (and links in docs keep working).</summary>
    internal static Guid DeterministicId(string kind, int n)
    {
        var bytes = System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes($"marketplace-demo:{kind}:{n}"));
        return new Guid(bytes);
    }

    private static async Task UpsertAsync<T>(DbSet<T> set, IReadOnlyList<T> fresh, Func<T, string> key, Action<T, T> update, CancellationToken ct)
        where T : class
    {
        var existing = (await set.ToListAsync(ct)).ToDictionary(key, StringComparer.Ordinal);
        foreach (var row in fresh)
        {
            if (existing.TryGetValue(key(row), out var current))
            {
                update(current, row);
            }
            else
            {
                set.Add(row);
            }
        }
    }
}
