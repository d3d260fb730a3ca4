using System.Globalization;
using System.Text.Json.Nodes;

namespace Marketplace.Exhibitions.Tests;

/// <summary>Arranging exhibitions, shops and booths through the public API, as organisers and merchants would.</summary>
public static class ExhibitionFixtures
{
    public const string Malang = "35.73";
    public const string Palembang = "16.71";
    public const string Kediri = "35.71";

    public static string Iso(DateTimeOffset t) => t.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);

    public static object ExhibitionBody(
        DateTimeOffset startsAt,
        DateTimeOffset endsAt,
        string city = Palembang,
        int standard = 10,
        int premium = 2,
        string[]? subsectors = null,
        string? title = null) => new
        {
            title = title ?? $"Palembang Kota Kreatif Expo {Guid.NewGuid():N}"[..40],
            theme = "Wong kito galo",
            description = "<p>Pameran <strong>UMKM</strong> kreatif.</p><script>alert(1)</script>",
            cityCode = city,
            startsAt = Iso(startsAt),
            endsAt = Iso(endsAt),
            subsectors = subsectors ?? ["kuliner", "kriya", "fashion"],
            tiers = new object[]
            {
                new { name = "Standard", capacity = standard },
                new { name = "Premium", capacity = premium, price = new { amount = 50_000_000, currency = "IDR" } },
            },
            halls = new object[] { new { name = "Hall Kuliner" }, new { name = "Hall Kriya" } },
            bannerUrl = "https://img.example.id/expo.jpg",
        };

    public static async Task<JsonNode> CreateExhibitionAsync(this ApiClient organiser, object body)
    {
        var response = await organiser.PostAsync("/api/v1/exhibitions", body);
        await response.ShouldHaveStatusAsync(201);
        return await response.JsonAsync();
    }

    /// <summary>A published exhibition that is live on the app's clock: started an hour ago, ends in ten days.</summary>
    public static async Task<JsonNode> LiveExhibitionAsync(this ExhibitionsApp app, ApiClient organiser, int standard = 10, int premium = 2, string[]? subsectors = null)
    {
        var now = app.Clock.GetUtcNow();
        var created = await organiser.CreateExhibitionAsync(ExhibitionBody(now.AddHours(-1), now.AddDays(10), standard: standard, premium: premium, subsectors: subsectors));
        return await organiser.PublishAsync(created.Id());
    }

    public static async Task<JsonNode> PublishAsync(this ApiClient organiser, Guid exhibitionId)
    {
        var response = await organiser.PostAsync($"/api/v1/exhibitions/{exhibitionId}/publish");
        await response.ShouldHaveStatusAsync(200);
        return await response.JsonAsync();
    }

    public static async Task<JsonNode> CreateShopAsync(this ApiClient merchant, string city = Palembang, string[]? subsectors = null, string? name = null)
    {
        var response = await merchant.PostAsync("/api/v1/shops", new
        {
            name = name ?? $"Pempek Cek Mona {Guid.NewGuid():N}"[..36],
            cityCode = city,
            subsectors = subsectors ?? ["kuliner"],
            story = "<p>Sejak 1980.</p>",
        });
        await response.ShouldHaveStatusAsync(201);
        return await response.JsonAsync();
    }

    public static async Task<JsonNode> CreatePublishedProductAsync(this ApiClient merchant, Guid shopId, string name = "Pempek Kapal Selam", long amount = 2_500_000, int stock = 50)
    {
        var response = await merchant.PostAsync($"/api/v1/shops/{shopId}/products", new
        {
            name,
            description = "Ikan tenggiri asli.",
            price = new { amount, currency = "IDR" },
            subsector = "kuliner",
            stock,
        });
        await response.ShouldHaveStatusAsync(201);
        var product = await response.JsonAsync();
        var published = await merchant.PostAsync($"/api/v1/products/{product.Id()}/publish");
        await published.ShouldHaveStatusAsync(200);
        return await published.JsonAsync();
    }

    /// <summary>A merchant with a shop and one published product.</summary>
    public static async Task<Exhibitor> ExhibitorAsync(this MarketplaceApp app, string[]? subsectors = null)
    {
        var merchant = await app.SignUpAsync("merchant");
        var shop = await merchant.CreateShopAsync(subsectors: subsectors);
        var product = await merchant.CreatePublishedProductAsync(shop.Id());
        return new Exhibitor(merchant, shop.Id(), product.Id(), shop.Str("name"));
    }

    public static async Task<JsonNode> ApplyAsync(this Exhibitor exhibitor, Guid exhibitionId, string tier = "Standard", string? hall = null)
    {
        var response = await exhibitor.Client.PostAsync($"/api/v1/exhibitions/{exhibitionId}/booth-applications", new
        {
            tier,
            hall,
            pitch = "<p>Pempek terenak di <em>Palembang</em>.</p>",
            productIds = new[] { exhibitor.ProductId },
        });
        await response.ShouldHaveStatusAsync(201);
        return await response.JsonAsync();
    }

    /// <summary>Applies and has the organiser approve; returns the booth.</summary>
    public static async Task<JsonNode> OpenBoothAsync(this Exhibitor exhibitor, ApiClient organiser, Guid exhibitionId, string tier = "Standard")
    {
        var application = await exhibitor.ApplyAsync(exhibitionId, tier);
        var approved = await organiser.PostAsync($"/api/v1/booth-applications/{application.Id()}/approve");
        await approved.ShouldHaveStatusAsync(200);
        return (await approved.JsonAsync())["booth"]!;
    }

    public static Guid Id(this JsonNode node) => Guid.Parse(node["id"]!.GetValue<string>());

    public static string Str(this JsonNode node, string name) => node[name]!.GetValue<string>();

    public static long Long(this JsonNode node, string name) => node[name]!.GetValue<long>();
}

public sealed record Exhibitor(ApiClient Client, Guid ShopId, Guid ProductId, string ShopName);
