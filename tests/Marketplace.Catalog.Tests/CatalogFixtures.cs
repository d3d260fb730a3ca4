using System.Text.Json.Nodes;

namespace Marketplace.Catalog.Tests;

/// <summary>Arranging shops and products through the public API, as a merchant would.</summary>
public static class CatalogFixtures
{
    public const string Malang = "35.73";
    public const string Palembang = "16.71";
    public const string Kediri = "35.71";

    public static object ShopBody(string? name = null, string city = Malang, string[]? subsectors = null, string? slug = null) => new
    {
        name = name ?? $"Keripik Tempe Sanan {Guid.NewGuid():N}"[..40],
        slug,
        cityCode = city,
        subsectors = subsectors ?? ["kuliner"],
        story = "<p>Sejak 1995 kami mengiris tempe setipis kertas.</p>",
        contactPhone = "+62 812 3456 7890",
        contactEmail = "halo@keripik.id",
    };

    public static async Task<JsonNode> CreateShopAsync(this ApiClient merchant, string? name = null, string city = Malang, string[]? subsectors = null)
    {
        var response = await merchant.PostAsync("/api/v1/shops", ShopBody(name, city, subsectors));
        await response.ShouldHaveStatusAsync(201);
        return await response.JsonAsync();
    }

    public static object ProductBody(string name = "Keripik Tempe Pedas 250 gr", long amount = 2_500_000, int stock = 10, string subsector = "kuliner") => new
    {
        name,
        nameEn = "Spicy tempeh chips 250 g",
        description = "Renyah, pedas daun jeruk.",
        story = "<p>Dibuat di <strong>Sanan</strong>.</p>",
        price = new { amount, currency = "IDR" },
        subsector,
        category = "Keripik",
        stock,
        attributes = new { halalCertificate = "ID35110000123450823", pirtNumber = "2063573010123-25", shelfLifeDays = 90, materials = new[] { "kedelai", "cabai" }, handmade = true },
        originCityCode = Malang,
        imageUrls = new[] { "https://img.example.id/keripik.jpg" },
    };

    public static async Task<JsonNode> CreateProductAsync(this ApiClient merchant, Guid shopId, object? body = null)
    {
        var response = await merchant.PostAsync($"/api/v1/shops/{shopId}/products", body ?? ProductBody());
        await response.ShouldHaveStatusAsync(201);
        return await response.JsonAsync();
    }

    public static async Task<JsonNode> CreatePublishedProductAsync(this ApiClient merchant, Guid shopId, object? body = null)
    {
        var product = await merchant.CreateProductAsync(shopId, body);
        var published = await merchant.PostAsync($"/api/v1/products/{product.Id()}/publish");
        await published.ShouldHaveStatusAsync(200);
        return await published.JsonAsync();
    }

    public static Guid Id(this JsonNode node) => Guid.Parse(node["id"]!.GetValue<string>());

    public static string Str(this JsonNode node, string name) => node[name]!.GetValue<string>();
}
