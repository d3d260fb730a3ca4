using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static Marketplace.Exhibitions.Tests.ExhibitionFixtures;

namespace Marketplace.Exhibitions.Tests;

// The story on an app of its own: its clock is never moved, so visits (module clock) and payments (Orders' clock)
// fall on the same day.
[CollectionDefinition(Name)]
public sealed class StoryCollection : ICollectionFixture<ExhibitionsApp>
{
    public const string Name = "exhibitions-story";
}

[CollectionDefinition(Name)]
public sealed class StoryOnPostgresCollection : ICollectionFixture<ExhibitionsAppOnPostgres>
{
    public const string Name = "exhibitions-story-postgres";
}

[Collection(StoryCollection.Name)]
public sealed class FullStoryTests(ExhibitionsApp app) : FullStoryTestsBase(app);

[Collection(StoryOnPostgresCollection.Name)]
public sealed class FullStoryTestsOnPostgres(ExhibitionsAppOnPostgres app) : FullStoryTestsBase(app);

public abstract class FullStoryTestsBase(ExhibitionsApp app)
{
    [Fact]
    public async Task Organiser_merchants_visitors_and_a_buyer_the_whole_exhibition_story_over_http()
    {
        // The organiser creates the expo and publishes it.
        var organiser = await app.SignUpAsync("organiser");
        var now = app.Clock.GetUtcNow();
        var created = await organiser.CreateExhibitionAsync(ExhibitionBody(now.AddHours(-2), now.AddDays(7)));
        var exhibition = await organiser.PublishAsync(created.Id());
        Assert.Equal("live", exhibition.Str("status"));

        // Two merchants apply; one is approved, the other rejected.
        var pempek = await app.ExhibitorAsync();
        var songket = await app.ExhibitorAsync(subsectors: ["kriya"]);
        var approvedApplication = await pempek.ApplyAsync(exhibition.Id(), hall: "Hall Kuliner");
        var rejectedApplication = await songket.ApplyAsync(exhibition.Id());
        var approval = await organiser.PostAsync($"/api/v1/booth-applications/{approvedApplication.Id()}/approve");
        await approval.ShouldHaveStatusAsync(200);
        var booth = (await approval.JsonAsync())["booth"]!;
        await (await organiser.PostAsync($"/api/v1/booth-applications/{rejectedApplication.Id()}/reject", new { reason = "Kuota kriya sudah penuh." })).ShouldHaveStatusAsync(200);
        var boothUrl = $"/api/v1/booths/{booth.Id()}";

        // The exhibitor dresses the booth (a promo code must be a real voucher of the Cart module).
        var dressed = await pempek.Client.PatchAsync(boothUrl, new
        {
            bannerUrl = "https://img.example.id/pempek-booth.jpg",
            story = "<p>Pempek kapal selam, resep sejak 1980.</p>",
            featuredProductIds = new[] { pempek.ProductId },
            liveSessions = new[] { new { title = "Demo masak", startsAt = Iso(now.AddHours(1)), endsAt = Iso(now.AddHours(2)), streamUrl = "https://live.example.id/pempek" } },
        });
        await dressed.ShouldHaveStatusAsync(200);
        await (await pempek.Client.PatchAsync(boothUrl, new { promoCode = "TIDAKADA" })).ShouldBeProblemAsync(400, "promoCode");

        // Visitors browse the hall directory and visit: three anonymous (one reloads), and the shopper who will buy.
        var directory = await app.Anonymous().GetJsonAsync($"/api/v1/exhibitions/{exhibition.Id()}/booths?subsector=kuliner");
        Assert.Equal(booth.Id(), Assert.Single(directory["items"]!.AsArray())!.Id());
        foreach (var visitor in new[] { "story-visitor-1", "story-visitor-2", "story-visitor-3", "story-visitor-1" })
        {
            await (await app.Anonymous().PostAsync($"{boothUrl}/visits", new { visitorId = visitor })).ShouldHaveStatusAsync(200);
        }

        var shopper = await app.SignUpAsync("shopper");
        await (await shopper.PostAsync($"{boothUrl}/visits")).ShouldHaveStatusAsync(200);
        var page = await shopper.GetJsonAsync(boothUrl);
        var featured = Assert.Single(page["featuredProducts"]!.AsArray())!;

        // Visitors leave leads.
        await (await app.Anonymous().PostAsync($"{boothUrl}/leads", new { kind = "quote", name = "Hotel Musi", contact = "beli@hotelmusi.id", productId = pempek.ProductId, quantity = 300 })).ShouldHaveStatusAsync(201);
        await (await app.Anonymous().PostAsync($"{boothUrl}/leads", new { kind = "sample", name = "Ekspor Jaya", contact = "+62 811 2222 3333", shippingCityCode = Malang })).ShouldHaveStatusAsync(201);

        // The shopper buys from the booth: the cart line carries the booth, manual payment, the merchant confirms.
        var added = await shopper.PostAsync("/api/v1/cart/items", new { productId = featured.Id(), quantity = 2, boothId = booth.Id() });
        await added.ShouldHaveStatusAsync(200);
        var checkout = new HttpRequestMessage(HttpMethod.Post, "/api/v1/checkout")
        {
            Content = JsonContent.Create(new
            {
                shippingAddress = new { recipient = "Siti Aminah", phone = "+62 812 1111 2222", line1 = "Jl. Merdeka No. 10", cityCode = Palembang, postalCode = "30111" },
                paymentMethod = "manual",
            }),
        };
        checkout.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var placed = await shopper.Http.SendAsync(checkout);
        await placed.ShouldHaveStatusAsync(201);
        var order = (await placed.JsonAsync())["orders"]![0]!;
        await (await pempek.Client.PostAsync($"/api/v1/orders/{order.Id()}/confirm-payment")).ShouldHaveStatusAsync(200);

        // The organiser's dashboard: 1 attributed sale, the right visits and unique visitors.
        JsonNode analytics = null!;
        await Eventually.HoldsAsync(async () =>
        {
            await app.DrainOutboxAsync();
            analytics = await organiser.GetJsonAsync($"/api/v1/exhibitions/{exhibition.Id()}/analytics");
            return analytics["sales"]!.Long("orders") == 1 && analytics.Long("addToCarts") == 1;
        }, TimeSpan.FromSeconds(10), "the cart and order events reach the exhibition");
        Assert.Equal(4, analytics.Long("visits"));
        Assert.Equal(4, analytics.Long("uniqueVisitors"));
        Assert.Equal(2, analytics.Long("addToCartQuantity"));
        Assert.Equal(1, analytics["sales"]!.Long("orders"));
        Assert.Equal(2, analytics["sales"]!.Long("quantity"));
        Assert.Equal(2 * featured["price"]!.Long("amount"), analytics["sales"]!["amount"]!.Long("amount"));
        Assert.Equal(2, analytics["leads"]!.Long("total"));
        var top = Assert.Single(analytics["topBooths"]!.AsArray())!;
        Assert.Equal(booth.Id(), Guid.Parse(top.Str("boothId")));
        Assert.Equal(1, top.Long("sales"));
        var kuliner = Assert.Single(analytics["bySubsector"]!.AsArray())!;
        Assert.Equal("kuliner", kuliner.Str("subsector"));
        Assert.Equal(4, kuliner.Long("uniqueVisitors"));
        var day = Assert.Single(analytics["byDay"]!.AsArray())!;
        Assert.Equal(4, day.Long("visits"));
        Assert.Equal(1, day.Long("sales"));

        // The exhibitor sees the same for their booth; the rejected merchant has no booth.
        var mine = await pempek.Client.GetJsonAsync($"{boothUrl}/analytics");
        Assert.Equal(4, mine.Long("visits"));
        Assert.Equal(4, mine.Long("uniqueVisitors"));
        Assert.Equal(1, mine["sales"]!.Long("orders"));
        Assert.Equal(2, (await pempek.Client.GetJsonAsync($"{boothUrl}/leads")).Long("total"));
        var rejected = await songket.Client.GetJsonAsync("/api/v1/me/booth-applications");
        Assert.Equal("rejected", rejected[0]!.Str("status"));
        Assert.Null(rejected[0]!["boothId"]);
    }
}
