using Marketplace.BuildingBlocks.Modules;
using Marketplace.BuildingBlocks.Outbox;
using Marketplace.BuildingBlocks.Text;
using Marketplace.Catalog.Contracts;
using Marketplace.Exhibitions.Booths;
using Marketplace.Exhibitions.Exhibitions;
using Marketplace.Exhibitions.Leads;
using Marketplace.Exhibitions.Persistence;
using Marketplace.Exhibitions.Visits;
using Marketplace.Identity.Contracts;
using Marketplace.SharedKernel;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Exhibitions.Seeding;

/// <summary>
/// Demo data: a live "Palembang Kota Kreatif Expo" with the Palembang demo shops in its halls (and some visits and
/// leads, so its dashboard is not empty), and an upcoming "Festival Mbois Malang" with the Malang shops. Owned by the
/// demo organiser. Runs after the Catalog's seed (it reads the demo shops through ICatalogReader).
/// </summary>
internal sealed class ExhibitionsSeeder(IServiceScopeFactory scopes, TimeProvider clock) : IDataSeeder
{
    public static readonly Guid PalembangExpoId = Guid.Parse("0190a000-0000-7000-8000-0000000e0001");
    public static readonly Guid MalangFestivalId = Guid.Parse("0190a000-0000-7000-8000-0000000e0002");

    public int Order => 30;

    public Task SeedReferenceDataAsync(CancellationToken ct) => Task.CompletedTask;

    public async Task<SeedReport> SeedDemoAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ExhibitionsDbContext>();
        var catalog = scope.ServiceProvider.GetRequiredService<ICatalogReader>();
        if (await db.Exhibitions.AnyAsync(e => e.Id == PalembangExpoId, ct))
        {
            return SeedReport.Nothing(ExhibitionsDbContext.Module);
        }

        var shops = new List<ShopSummary>();
        for (var n = 1; n <= DemoAccounts.MerchantCount; n++)
        {
            shops.AddRange(await catalog.GetShopsOwnedByAsync(DemoAccounts.MerchantId(n), ct));
        }

        if (shops.Count == 0)
        {
            return SeedReport.Nothing(ExhibitionsDbContext.Module);
        }

        var now = clock.GetUtcNow();
        var today = Jakarta.Local(now).Date;
        var expo = NewExhibition(PalembangExpoId, "palembang-kota-kreatif-expo", "Palembang Kota Kreatif Expo", "Wong Kito Kreatif",
            "<p>Pameran virtual UMKM kreatif Kota Palembang: pempek, kemplang, songket, jumputan dan lakuer, langsung dari pembuatnya.</p>",
            "16.71", new DateTimeOffset(today.AddDays(-2).AddHours(9), Jakarta.Offset), new DateTimeOffset(today.AddDays(12).AddHours(21), Jakarta.Offset),
            ["kuliner", "kriya", "fashion", "penerbitan"], ["Hall Kuliner", "Hall Kriya & Wastra"], now);
        var festival = NewExhibition(MalangFestivalId, "festival-mbois-malang", "Festival Mbois Malang", "Malang Kuto Mbois",
            "<p>Festival virtual ekonomi kreatif Malang Raya: keripik tempe Sanan, batik Malangan, topeng dan gerabah Dinoyo.</p>",
            "35.73", new DateTimeOffset(today.AddDays(21).AddHours(9), Jakarta.Offset), new DateTimeOffset(today.AddDays(24).AddHours(21), Jakarta.Offset),
            ["kuliner", "kriya", "fashion", "seni-pertunjukan"], ["Hall Kuliner", "Hall Kriya", "Panggung Budaya"], now);
        db.Exhibitions.AddRange(expo, festival);

        var booths = 0;
        foreach (var (exhibition, cities) in new[] { (expo, new[] { "16.71" }), (festival, new[] { "35.73", "35.07" }) })
        {
            foreach (var shop in shops.Where(s => cities.Contains(s.CityCode) && exhibition.Welcomes(s.Subsectors)))
            {
                var productIds = (await catalog.GetProductIdsOfShopAsync(shop.Id, ct)).Take(4).ToList();
                OpenBooth(db, exhibition, shop, productIds, now);
                booths++;
            }
        }

        await db.SaveChangesAsync(ct);
        var (visits, leads) = await SeedActivityAsync(db, expo, now, ct);
        return new SeedReport(ExhibitionsDbContext.Module,
        [
            $"exhibitions: {expo.Title} (live, /api/v1/exhibitions/by-slug/{expo.Slug}) and {festival.Title} (upcoming), {booths} booths, {visits} visits, {leads} leads; organiser {DemoAccounts.OrganiserEmail}",
        ]);
    }

    private static Exhibition NewExhibition(Guid id, string slug, string title, string theme, string description, string city,
        DateTimeOffset starts, DateTimeOffset ends, List<string> subsectors, string[] halls, DateTimeOffset now)
    {
        var exhibition = new Exhibition(id, DemoAccounts.OrganiserId, slug, title, city, starts.ToUniversalTime(), ends.ToUniversalTime(), now)
        {
            Theme = theme,
            Description = RichText.Sanitize(description),
            Subsectors = subsectors,
            BannerUrl = null, // an organiser uploads one; a link to a host the demo cannot reach would be a broken image
        };
        exhibition.Halls.AddRange(halls.Select((name, i) => new ExhibitionHall { Id = Derived(id, "hall", i), ExhibitionId = id, Name = name, Position = i }));
        exhibition.Tiers.Add(new BoothTier { Id = Derived(id, "tier", 0), ExhibitionId = id, Name = "Standard", Position = 0, Capacity = 40 });
        exhibition.Tiers.Add(new BoothTier { Id = Derived(id, "tier", 1), ExhibitionId = id, Name = "Premium", Position = 1, Capacity = 8, PriceAmount = 750_000_00 });
        exhibition.Publish(now);
        return exhibition;
    }

    private static void OpenBooth(ExhibitionsDbContext db, Exhibition exhibition, ShopSummary shop, List<Guid> productIds, DateTimeOffset now)
    {
        var premium = shop.Verified && exhibition.Tiers[1].Taken < exhibition.Tiers[1].Capacity;
        var tier = exhibition.Tiers[premium ? 1 : 0];
        var subsector = shop.Subsectors.FirstOrDefault(exhibition.Subsectors.Contains) ?? shop.Subsectors[0];
        var hall = exhibition.Halls.FirstOrDefault(h => subsector == "kuliner" ? h.Name.Contains("Kuliner", StringComparison.Ordinal) : !h.Name.Contains("Kuliner", StringComparison.Ordinal))
            ?? exhibition.Halls[0];
        tier.Taken++;
        var application = new BoothApplication
        {
            Id = Guid.CreateVersion7(),
            ExhibitionId = exhibition.Id,
            ShopId = shop.Id,
            MerchantId = shop.OwnerId,
            ShopName = shop.Name,
            ShopSlug = shop.Slug,
            TierId = tier.Id,
            TierName = tier.Name,
            HallPreference = hall.Name,
            Pitch = $"<p>{shop.Name} ingin memperkenalkan produk terbaiknya kepada pengunjung {exhibition.Title}.</p>",
            ProductIds = productIds,
            Status = ApplicationStatus.Approved,
            CreatedAt = now,
            DecidedAt = now,
        };
        var booth = new Booth
        {
            Id = Guid.CreateVersion7(),
            ExhibitionId = exhibition.Id,
            ExhibitionSlug = exhibition.Slug,
            ShopId = shop.Id,
            OwnerId = shop.OwnerId,
            ApplicationId = application.Id,
            ShopName = shop.Name,
            ShopSlug = shop.Slug,
            SearchText = shop.Name.ToLowerInvariant(),
            CityCode = shop.CityCode,
            Subsectors = shop.Subsectors.ToList(),
            Subsector = subsector,
            TierId = tier.Id,
            TierName = tier.Name,
            HallId = hall.Id,
            HallName = hall.Name,
            HallPosition = hall.Position,
            Slot = hall.NextSlot++,
            BannerUrl = null,
            Story = RichText.Sanitize($"<p>Selamat datang di booth {shop.Name}! Tanyakan harga grosir, minta sampel, atau ikuti sesi live kami.</p>"),
            FeaturedProductIds = productIds,
            Status = BoothStatus.Open,
            OpenedAt = now,
            UpdatedAt = now,
            Version = 1,
        };
        if (exhibition.StatusAt(now) != ExhibitionStatus.Upcoming)
        {
            var sessionStart = exhibition.EndsAt.AddDays(-1).AddHours(-3);
            booth.LiveSessions = [new LiveSession($"Live bersama {shop.Name}", sessionStart, sessionStart.AddHours(1), $"https://live.demo.marketplace.id/{shop.Slug}")];
        }

        application.BoothId = booth.Id;
        db.Applications.Add(application);
        db.Booths.Add(booth);
        db.AddIntegrationEvent(booth.OpenedEvent(now));
    }

    /// <summary>A few days of visits and some leads at the live expo, deterministic, so the dashboard shows something.</summary>
    private static async Task<(int Visits, int Leads)> SeedActivityAsync(ExhibitionsDbContext db, Exhibition expo, DateTimeOffset now, CancellationToken ct)
    {
        var booths = await db.Booths.Where(b => b.ExhibitionId == expo.Id).OrderBy(b => b.HallPosition).ThenBy(b => b.Slot).ToListAsync(ct);
        var random = new Random(2026);
        var visits = new List<BoothVisit>();
        for (var i = 0; i < booths.Count; i++)
        {
            var count = 40 - (i * 3) + random.Next(10);
            for (var v = 0; v < count; v++)
            {
                var at = now.AddMinutes(-random.Next(1, 2 * 24 * 60));
                visits.Add(new BoothVisit { ExhibitionId = expo.Id, BoothId = booths[i].Id, VisitorId = $"a:demo-visitor-{random.Next(1, 150):D4}", At = at, Day = Jakarta.Day(at) });
            }
        }

        db.Visits.AddRange(visits);
        db.BoothDays.AddRange(BoothDay.Tally(visits));

        var leads = 0;
        foreach (var booth in booths.Take(3))
        {
            db.Leads.Add(new Lead
            {
                Id = Guid.CreateVersion7(),
                ExhibitionId = expo.Id,
                BoothId = booth.Id,
                Kind = LeadKind.Wholesale,
                Name = "Hotel Aryaduta Palembang",
                Contact = "purchasing@hotel.demo.id",
                Company = "PT Hotel Demo",
                Message = "<p>Kami tertarik untuk oleh-oleh tamu, 300 paket per bulan.</p>",
                Quantity = 300,
                Status = LeadStatus.New,
                Currency = Money.DefaultCurrency,
                CreatedAt = now.AddHours(-5),
                UpdatedAt = now.AddHours(-5),
                Day = Jakarta.Day(now.AddHours(-5)),
            });
            leads++;
        }

        await db.SaveChangesAsync(ct);
        return (visits.Count, leads);
    }

    private static Guid Derived(Guid id, string what, int n)
    {
        var bytes = id.ToByteArray();
        bytes[0] ^= (byte)what.Length;
        bytes[1] ^= (byte)what[0];
        bytes[2] ^= (byte)(n + 1);
        return new Guid(bytes);
    }
}
