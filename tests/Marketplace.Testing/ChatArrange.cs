using System.Globalization;
using System.Text.Json.Nodes;

namespace Marketplace.Testing;

/// <summary>An exhibitor (merchant, shop, one product) with an open booth at an exhibition of a fresh organiser.</summary>
public sealed record BoothSetup(ApiClient Organiser, ApiClient Exhibitor, Guid ExhibitionId, Guid ShopId, Guid ProductId, Guid BoothId);

public static class ChatArrange
{
    /// <summary>A booth at an exhibition that runs now (started an hour ago), or one that starts tomorrow.</summary>
    public static async Task<BoothSetup> BoothAsync(this MarketplaceApp app, bool running = true)
    {
        var (organiser, exhibitionId) = await app.ExhibitionAsync(running);
        return await app.ExhibitorAtAsync(organiser, exhibitionId);
    }

    /// <summary>A published exhibition of a new organiser: running now (started an hour ago, ten days long) or starting tomorrow.</summary>
    public static async Task<(ApiClient Organiser, Guid ExhibitionId)> ExhibitionAsync(this MarketplaceApp app, bool running = true, int capacity = 10)
    {
        var organiser = await app.SignUpAsync("organiser");
        var now = DateTimeOffset.UtcNow;
        var startsAt = running ? now.AddHours(-1) : now.AddDays(1);
        var exhibition = await Created(await organiser.PostAsync("/api/v1/exhibitions", new
        {
            title = $"Expo Kreatif {Guid.NewGuid():N}"[..30],
            cityCode = "16.71",
            startsAt = Iso(startsAt),
            endsAt = Iso(startsAt.AddDays(10)),
            subsectors = new[] { "kuliner" },
            tiers = new object[] { new { name = "Standard", capacity } },
            halls = new object[] { new { name = "Hall" } },
        }));
        var exhibitionId = Id(exhibition);
        await (await organiser.PostAsync($"/api/v1/exhibitions/{exhibitionId}/publish")).ShouldHaveStatusAsync(200);
        return (organiser, exhibitionId);
    }

    /// <summary>A new merchant with a shop and a product, exhibiting (approved booth) at the exhibition.</summary>
    public static async Task<BoothSetup> ExhibitorAtAsync(this MarketplaceApp app, ApiClient organiser, Guid exhibitionId)
    {
        var merchant = await app.SignUpAsync("merchant", "Bu Ani Pempek");
        var shop = await Created(await merchant.PostAsync("/api/v1/shops", new { name = $"Pempek Bu Ani {Guid.NewGuid():N}"[..30], cityCode = "16.71", subsectors = new[] { "kuliner" } }));
        var productId = await merchant.PublishedProductAsync(Id(shop));
        var application = await Created(await merchant.PostAsync($"/api/v1/exhibitions/{exhibitionId}/booth-applications", new
        {
            tier = "Standard",
            pitch = "Pempek terenak.",
            productIds = new[] { productId },
        }));
        var approved = await organiser.PostAsync($"/api/v1/booth-applications/{application["id"]}/approve");
        await approved.ShouldHaveStatusAsync(200);
        var boothId = Guid.Parse((await approved.JsonAsync())["booth"]!["id"]!.GetValue<string>());
        return new BoothSetup(organiser, merchant, exhibitionId, Id(shop), productId, boothId);
    }

    public static async Task<Guid> PublishedProductAsync(this ApiClient merchant, Guid shopId, string name = "Pempek Kapal Selam")
    {
        var product = await Created(await merchant.PostAsync($"/api/v1/shops/{shopId}/products", new
        {
            name,
            price = new { amount = 2_500_000, currency = "IDR" },
            subsector = "kuliner",
            stock = 10,
        }));
        await (await merchant.PostAsync($"/api/v1/products/{product["id"]}/publish")).ShouldHaveStatusAsync(200);
        return Id(product);
    }

    /// <summary>Opens (201) the visitor's conversation at the booth; returns its id.</summary>
    public static async Task<Guid> OpenAtBoothAsync(this ApiClient visitor, Guid boothId)
    {
        var opened = await visitor.PostAsync($"/api/v1/booths/{boothId}/conversations");
        await opened.ShouldHaveStatusAsync(201);
        return Id(await opened.JsonAsync());
    }

    public static Task<HttpResponseMessage> SayAsync(this ApiClient client, Guid conversationId, string? text, Guid? productId = null) =>
        client.PostAsync($"/api/v1/conversations/{conversationId}/messages", new { text, productId });

    public static async Task<JsonNode> Created(HttpResponseMessage response)
    {
        await response.ShouldHaveStatusAsync(201);
        return await response.JsonAsync();
    }

    public static Guid Id(JsonNode node) => Guid.Parse(node["id"]!.GetValue<string>());

    public static string Iso(DateTimeOffset t) => t.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);
}
