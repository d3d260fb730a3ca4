using System.Security.Cryptography;
using Marketplace.Catalog.Contracts;
using Marketplace.Media.Contracts;
using Marketplace.Media.Images;
using Marketplace.Media.Persistence;
using Marketplace.Media.Processing;
using Marketplace.Media.Storage;
using Marketplace.BuildingBlocks.Modules;
using Microsoft.EntityFrameworkCore;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;

namespace Marketplace.Media.Seeding;

/// <summary>
/// Gives the demo shops and products real pictures, drawn here pixel by pixel (nothing is downloaded): a few motifs per
/// sub-sector colour, shared by many products. Identical pictures are one blob, so start-up checks and stores about
/// twenty small JPEGs and the processor renders their variants in the background; pages show <c>processing</c> for
/// the first seconds.
/// </summary>
internal sealed class DemoImageSeeder(IServiceProvider services) : IDataSeeder
{
    private const int MotifsPerPalette = 2;

    public int Order => 40;

    public Task SeedReferenceDataAsync(CancellationToken ct) => Task.CompletedTask;

    public async Task<SeedReport> SeedDemoAsync(CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MediaDbContext>();
        if (await db.Images.AnyAsync(ct))
        {
            return SeedReport.Nothing(MediaDbContext.Module);
        }

        var catalog = scope.ServiceProvider.GetRequiredService<ICatalogReader>();
        var store = scope.ServiceProvider.GetRequiredService<IMediaStore>();
        var pipeline = scope.ServiceProvider.GetRequiredService<ImagePipeline>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();

        var products = new List<ProductSearchDocument>();
        await foreach (var product in catalog.StreamSearchDocumentsAsync(ct))
        {
            products.Add(product);
        }

        if (products.Count == 0)
        {
            return SeedReport.Nothing(MediaDbContext.Module);
        }

        var blobs = new Dictionary<string, string>(); // picture key → hash
        async Task<string> BlobAsync(string key, Func<byte[]> draw)
        {
            if (blobs.TryGetValue(key, out var known))
            {
                return known;
            }

            var bytes = draw();
            var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
            using var content = new MemoryStream(bytes, writable: false);
            var accepted = await pipeline.CheckAsync(content, ct);
            if (!accepted.IsSuccess)
            {
                throw new InvalidOperationException("A generated demo picture was refused: " + accepted.Errors[0].Message);
            }

            if (!await db.Blobs.AnyAsync(b => b.Hash == hash, ct))
            {
                await store.PutAsync(MediaKeys.Incoming(hash), bytes, "image/jpeg", ct);
                db.Blobs.Add(MediaBlob.Accepted(hash, "jpeg", bytes.Length, now));
            }

            blobs[key] = hash;
            return hash;
        }

        var shops = products.GroupBy(p => p.ShopId).ToList();
        foreach (var (shop, index) in shops.Select((s, i) => (s, i)))
        {
            var first = shop.First();
            var palette = DemoPictures.PaletteOf(first.SubsectorCode);
            var owner = (await catalog.GetShopAsync(shop.Key, ct))?.OwnerId ?? Guid.Empty;
            var logo = await BlobAsync($"logo:{palette}", () => DemoPictures.Draw(palette, 3, 480, 480));
            var banner = await BlobAsync($"banner:{palette}", () => DemoPictures.Draw(palette, 2, 1500, 500));
            Add(MediaOwnerKind.Shop, shop.Key, MediaSlot.Logo, logo, 0, $"Logo {first.ShopName}", $"{first.ShopName} logo", owner);
            Add(MediaOwnerKind.Shop, shop.Key, MediaSlot.Banner, banner, 0, $"Spanduk {first.ShopName}", $"{first.ShopName} banner", owner);
            Revised(MediaOwnerKind.Shop, shop.Key);

            foreach (var (product, position) in shop.Select((p, i) => (p, i)))
            {
                var motif = (index + position) % MotifsPerPalette;
                var photo = await BlobAsync($"photo:{palette}:{motif}", () => DemoPictures.Draw(palette, motif, 1200, 900));
                Add(MediaOwnerKind.Product, product.ProductId, MediaSlot.Photo, photo, 0,
                    $"Foto {product.Name}", $"Photo of {product.NameEn ?? product.Name}", owner, cover: true);
                Revised(MediaOwnerKind.Product, product.ProductId);
            }
        }

        await db.SaveChangesAsync(ct);
        scope.ServiceProvider.GetRequiredService<MediaProcessingSignal>().Notify();
        return new SeedReport(MediaDbContext.Module,
            [$"media: {blobs.Count} generated pictures for {shops.Count} shops and {products.Count} products (variants render in the background)"]);

        // As every change of an owner's images: a new revision and MediaChanged in the same commit (the Catalog keeps
        // its copy of each page's images from it).
        void Revised(MediaOwnerKind kind, Guid id)
        {
            var owner = MediaOwner.Create(kind, id);
            db.Owners.Add(owner);
            Marketplace.BuildingBlocks.Outbox.OutboxModelBuilderExtensions.AddIntegrationEvent(db, new MediaChanged(kind, id, owner.Bump()) { OccurredAt = now });
        }

        void Add(MediaOwnerKind kind, Guid ownerId, MediaSlot slot, string hash, int position, string alt, string altEn, Guid by, bool cover = false) =>
            db.Images.Add(MediaImage.Create(kind, ownerId, slot, hash, position, cover, Trim(alt), Trim(altEn), by, now));
    }

    private static string Trim(string text) => text.Length <= MediaImage.MaxAltLength ? text : text[..MediaImage.MaxAltLength];
}

/// <summary>Procedural pictures: a soft gradient in a sub-sector's colours with a batik-like motif of rings and waves.</summary>
internal static class DemoPictures
{
    private static readonly (string Code, Rgb24 Dark, Rgb24 Light)[] Palettes =
    [
        ("kuliner", new Rgb24(150, 62, 20), new Rgb24(246, 196, 120)),
        ("kriya", new Rgb24(92, 58, 30), new Rgb24(222, 190, 150)),
        ("fashion", new Rgb24(32, 46, 110), new Rgb24(210, 170, 90)),
        ("seni-rupa", new Rgb24(120, 20, 60), new Rgb24(240, 200, 210)),
        ("desain-produk", new Rgb24(20, 90, 90), new Rgb24(200, 235, 225)),
    ];

    public static int PaletteOf(string subsector)
    {
        var index = Array.FindIndex(Palettes, p => p.Code == subsector);
        return index >= 0 ? index : Math.Abs(subsector.GetHashCode(StringComparison.Ordinal) % Palettes.Length);
    }

    public static byte[] Draw(int palette, int motif, int width, int height)
    {
        var (_, dark, light) = Palettes[palette % Palettes.Length];
        using var image = new Image<Rgb24>(width, height);
        var rings = 6 + motif * 3;
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < row.Length; x++)
                {
                    var u = (double)x / width;
                    var v = (double)y / height;
                    // Tiles of concentric rings (a kawung-like motif) over a diagonal gradient, with a wave band.
                    var tx = (u * rings) % 1 - 0.5;
                    var ty = (v * rings * height / width) % 1 - 0.5;
                    var ring = Math.Cos(Math.Sqrt(tx * tx + ty * ty) * Math.PI * (4 + motif * 2));
                    var wave = Math.Sin((u * 8 + v * 3 + motif) * Math.PI);
                    var t = Math.Clamp(0.45 * (u + v) / 2 + 0.35 * (ring * 0.5 + 0.5) + 0.2 * (wave * 0.5 + 0.5), 0, 1);
                    row[x] = new Rgb24(Mix(dark.R, light.R, t), Mix(dark.G, light.G, t), Mix(dark.B, light.B, t));
                }
            }
        });
        using var output = new MemoryStream();
        image.Save(output, new JpegEncoder { Quality = 85 });
        return output.ToArray();
    }

    private static byte Mix(byte a, byte b, double t) => (byte)Math.Round(a + (b - a) * t);
}
