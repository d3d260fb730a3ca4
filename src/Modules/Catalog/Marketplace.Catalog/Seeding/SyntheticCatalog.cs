using Bogus;
using Marketplace.BuildingBlocks.Modules;
using Marketplace.Catalog.Persistence;
using Marketplace.Catalog.Products;
using Marketplace.Catalog.Shops;
using Marketplace.Catalog.Taxonomy;
using Marketplace.SharedKernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Catalog.Seeding;

/// <summary>
/// <c>seed --synthetic N</c>: N published products (up to 1,000,000) spread over synthetic shops, for benchmarks.
/// Written in batches of 5,000 with change detection off. No per-product events: a million outbox rows would only
/// slow the load down; run the <c>reindex</c> verb afterwards to build the search index in one pass.
/// </summary>
internal sealed class SyntheticCatalog(IServiceScopeFactory scopes, TaxonomySnapshot taxonomy, TimeProvider clock) : ISyntheticDataGenerator
{
    private const int BatchSize = 5_000;
    private const int ProductsPerShop = 200;

    private static readonly string[] Nouns =
    [
        "Keripik", "Kerupuk", "Sambal", "Kopi", "Teh", "Kain", "Tas", "Dompet", "Kemeja", "Selendang", "Vas", "Piring",
        "Topeng", "Lukisan", "Gelang", "Kalung", "Sandal", "Dodol", "Bolu", "Madu",
    ];

    private static readonly string[] Qualities =
    [
        "Tenun", "Batik", "Anyaman", "Pedas", "Manis", "Original", "Premium", "Tradisional", "Organik", "Rotan",
        "Bambu", "Kayu Jati", "Kulit", "Sutra", "Apel", "Tempe", "Singkong", "Pisang", "Cokelat", "Jahe",
    ];

    public async Task GenerateAsync(int count, IProgress<string> progress, CancellationToken ct)
    {
        var t = await taxonomy.GetAsync(ct);
        var cities = t.Cities.Select(c => c.Code).ToArray();
        var subsectors = t.Subsectors.Select(s => s.Code).ToArray();
        var faker = new Faker("id_ID");
        faker.Random = new Randomizer(20261123);
        var now = clock.GetUtcNow();
        var written = 0;
        var started = DateTime.UtcNow;
        Shop? shop = null;
        var inShop = 0;
        while (written < count)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var batch = Math.Min(BatchSize, count - written);
            for (var i = 0; i < batch; i++)
            {
                if (shop is null || inShop == ProductsPerShop)
                {
                    var name = $"{faker.Company.CompanyName()} {faker.Random.Number(1, 999_999)}";
                    shop = new Shop(Guid.CreateVersion7(), Guid.CreateVersion7(), BuildingBlocks.Text.Slug.From(name) + "-" + faker.Random.AlphaNumeric(6),
                        name, faker.PickRandom(cities), [faker.PickRandom(subsectors)], now);
                    db.Shops.Add(shop);
                    inShop = 0;
                }

                var product = new Product(Guid.CreateVersion7(), shop.Id, now)
                {
                    Name = $"{faker.PickRandom(Nouns)} {faker.PickRandom(Qualities)} {faker.Address.City()}",
                    Description = faker.Lorem.Sentence(12),
                    Price = Money.Idr(faker.Random.Long(5_000, 2_000_000) * 100),
                    SubsectorCode = shop.Subsectors[0],
                    Category = faker.PickRandom(Nouns),
                    Stock = faker.Random.Int(0, 500),
                    HalalCertificate = faker.Random.Bool(0.3f) ? "ID" + faker.Random.ReplaceNumbers("##############") : null,
                    Materials = [faker.PickRandom(Qualities).ToLowerInvariant()],
                    Handmade = faker.Random.Bool(),
                };
                product.Publish(now);
                db.Products.Add(product);
                inShop++;
            }

            // A shop may continue into the next batch: that batch's new context only refers to it by id.
            await db.SaveChangesAsync(ct);

            written += batch;
            var rate = written / Math.Max(0.001, (DateTime.UtcNow - started).TotalSeconds);
            progress.Report($"synthetic products: {written:N0} / {count:N0} ({rate:N0}/s)");
        }

        progress.Report("Done. Run the 'reindex' verb to make them searchable.");
    }
}
