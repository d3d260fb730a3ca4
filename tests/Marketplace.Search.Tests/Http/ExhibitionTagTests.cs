using System.Globalization;

namespace Marketplace.Search.Tests.Http;

/// <summary>
/// Exhibition tags, end to end with the real Exhibitions module: an approved booth application (BoothOpened) tags the
/// shop's products, so <c>exhibition=</c> finds them by slug or id; closing the booth (BoothClosed) removes the tag.
/// </summary>
[Collection(SearchAppCollection.Name)]
public sealed class ExhibitionTagTests(SearchApp app)
{
    [Fact]
    public async Task Opening_a_booth_tags_the_shops_products_and_closing_it_untags_them()
    {
        var organiser = await app.SignUpAsync("organiser");
        var now = DateTimeOffset.UtcNow;
        string Iso(DateTimeOffset t) => t.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);
        var created = await organiser.PostAsync("/api/v1/exhibitions", new
        {
            title = "Pameran Uji " + SearchApp.UniqueWord(),
            cityCode = "16.71",
            startsAt = Iso(now.AddHours(1)),
            endsAt = Iso(now.AddDays(10)),
            subsectors = new[] { "kuliner" },
            tiers = new object[] { new { name = "Standard", capacity = 10 } },
            halls = new object[] { new { name = "Hall Kuliner" } },
        });
        await created.ShouldHaveStatusAsync(201);
        var exhibition = await created.JsonAsync();
        var exhibitionId = Guid.Parse(exhibition["id"]!.GetValue<string>());
        var slug = exhibition["slug"]!.GetValue<string>();
        await (await organiser.PostAsync($"/api/v1/exhibitions/{exhibitionId}/publish")).ShouldHaveStatusAsync(200);

        var (merchant, shop) = await app.ShopAsync();
        var word = SearchApp.UniqueWord();
        var product = await SearchApp.CreateProductAsync(merchant, shop, $"Pempek Pameran {word}");
        await Eventually.HoldsAsync(async () => (await app.FoundAsync(word)).Contains(product), TimeSpan.FromSeconds(2));
        Assert.Equal(0, (await app.SearchAsync($"q={word}&exhibition={slug}"))["total"]!.GetValue<long>());

        var applied = await merchant.PostAsync($"/api/v1/exhibitions/{exhibitionId}/booth-applications", new
        {
            tier = "Standard",
            pitch = "<p>Pempek terenak.</p>",
            productIds = new[] { product },
        });
        await applied.ShouldHaveStatusAsync(201);
        var application = Guid.Parse((await applied.JsonAsync())["id"]!.GetValue<string>());
        var approved = await organiser.PostAsync($"/api/v1/booth-applications/{application}/approve");
        await approved.ShouldHaveStatusAsync(200);
        var booth = Guid.Parse((await approved.JsonAsync())["booth"]!["id"]!.GetValue<string>());

        await Eventually.HoldsAsync(async () =>
            (await app.SearchAsync($"q={word}&exhibition={slug}"))["total"]!.GetValue<long>() == 1, TimeSpan.FromSeconds(3), "booth opened but product not tagged");
        Assert.Equal(1, (await app.SearchAsync($"exhibition={exhibitionId}"))["total"]!.GetValue<long>());

        // A product added later to the exhibiting shop is tagged too (tags come from the exhibitor directory).
        var later = await SearchApp.CreateProductAsync(merchant, shop, $"Tekwan Pameran {word}");
        await Eventually.HoldsAsync(async () =>
            (await app.SearchAsync($"exhibition={slug}"))["total"]!.GetValue<long>() == 2, TimeSpan.FromSeconds(3), "new product of an exhibitor not tagged");

        await (await merchant.PostAsync($"/api/v1/booths/{booth}/close")).ShouldHaveStatusAsync(200);
        await Eventually.HoldsAsync(async () =>
            (await app.SearchAsync($"exhibition={slug}"))["total"]!.GetValue<long>() == 0, TimeSpan.FromSeconds(3), "booth closed but products still tagged");
        Assert.Contains(later, await app.FoundAsync(word));
    }
}
