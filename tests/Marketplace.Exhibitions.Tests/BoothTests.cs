using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Marketplace.Exhibitions.Contracts;
using static Marketplace.Exhibitions.Tests.ExhibitionFixtures;

namespace Marketplace.Exhibitions.Tests;

[Collection(AppCollection.Name)]
public sealed class BoothTests(ExhibitionsApp app) : BoothTestsBase(app);

[Collection(PostgresAppCollection.Name)]
public sealed class BoothTestsOnPostgres(ExhibitionsAppOnPostgres app) : BoothTestsBase(app);

public abstract class BoothTestsBase(ExhibitionsApp app)
{
    [Fact]
    public async Task A_merchant_applies_the_organiser_approves_and_the_booth_opens_in_a_hall_slot_with_an_event()
    {
        var organiser = await app.SignUpAsync("organiser");
        var exhibition = await app.LiveExhibitionAsync(organiser);
        var exhibitor = await app.ExhibitorAsync();

        var application = await exhibitor.ApplyAsync(exhibition.Id(), tier: "premium", hall: "hall kriya");
        Assert.Equal("pending", application.Str("status"));
        Assert.Equal("Premium", application.Str("tier"));
        Assert.Equal("Hall Kriya", application.Str("hallPreference"));
        Assert.DoesNotContain("<script", application.Str("pitch"), StringComparison.OrdinalIgnoreCase);

        var listed = await organiser.GetJsonAsync($"/api/v1/exhibitions/{exhibition.Id()}/booth-applications?status=pending");
        Assert.Equal(application.Id(), Assert.Single(listed["items"]!.AsArray())!.Id());

        var approved = await organiser.PostAsync($"/api/v1/booth-applications/{application.Id()}/approve");
        await approved.ShouldHaveStatusAsync(200);
        var body = await approved.JsonAsync();
        Assert.Equal("approved", body["application"]!.Str("status"));
        var booth = body["booth"]!;
        Assert.Equal("Hall Kriya", booth.Str("hall"));
        Assert.Equal(1, booth["slot"]!.GetValue<int>());
        Assert.Equal(exhibitor.ShopId, Guid.Parse(booth.Str("shopId")));
        Assert.Equal(exhibitor.ProductId, booth["featuredProducts"]![0]!.Id());

        var mine = await exhibitor.Client.GetJsonAsync("/api/v1/me/booth-applications");
        Assert.Equal("approved", mine[0]!.Str("status"));
        var read = await app.Anonymous().GetJsonAsync($"/api/v1/exhibitions/{exhibition.Id()}");
        Assert.Equal(1, read["tiers"]![1]!["taken"]!.GetValue<int>());

        await app.DrainOutboxAsync();
        var opened = app.Events.Of<BoothOpened>().Single(e => e.BoothId == booth.Id());
        Assert.Equal(exhibition.Str("slug"), opened.ExhibitionSlug);
        Assert.Equal(exhibitor.ShopId, opened.ShopId);

        // The directory and the exhibitor directory (what Search asks) know the booth.
        var directory = await app.Anonymous().GetJsonAsync($"/api/v1/exhibitions/{exhibition.Id()}/booths");
        Assert.Contains(directory["items"]!.AsArray(), b => b!.Id() == booth.Id());
        using var scope = app.Services.CreateScope();
        var exhibitions = await scope.ServiceProvider.GetRequiredService<IExhibitorDirectory>().GetExhibitionsOfShopAsync(exhibitor.ShopId, default);
        Assert.Equal(exhibition.Id(), Assert.Single(exhibitions).ExhibitionId);

        // Closing the booth takes it out, frees the place and tells Search.
        await (await exhibitor.Client.PostAsync($"/api/v1/booths/{booth.Id()}/close")).ShouldHaveStatusAsync(200);
        await app.DrainOutboxAsync();
        Assert.Contains(app.Events.Of<BoothClosed>(), e => e.BoothId == booth.Id());
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<IExhibitorDirectory>().GetExhibitionsOfShopAsync(exhibitor.ShopId, default));
        read = await app.Anonymous().GetJsonAsync($"/api/v1/exhibitions/{exhibition.Id()}");
        Assert.Equal(0, read["tiers"]![1]!["taken"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_rejection_needs_a_reason_and_is_final()
    {
        var organiser = await app.SignUpAsync("organiser");
        var exhibition = await app.LiveExhibitionAsync(organiser);
        var exhibitor = await app.ExhibitorAsync();
        var application = await exhibitor.ApplyAsync(exhibition.Id());

        await (await organiser.PostAsync($"/api/v1/booth-applications/{application.Id()}/reject", new { reason = "" })).ShouldBeProblemAsync(400, "reason");
        var rejected = await organiser.PostAsync($"/api/v1/booth-applications/{application.Id()}/reject", new { reason = "Kuota kuliner penuh." });
        await rejected.ShouldHaveStatusAsync(200);
        Assert.Equal("rejected", (await rejected.JsonAsync()).Str("status"));
        await (await organiser.PostAsync($"/api/v1/booth-applications/{application.Id()}/approve")).ShouldBeProblemAsync(409);
        var mine = await exhibitor.Client.GetJsonAsync("/api/v1/me/booth-applications");
        Assert.Equal("Kuota kuliner penuh.", mine[0]!.Str("rejectionReason"));
    }

    [Fact]
    public async Task Applying_twice_is_refused()
    {
        var organiser = await app.SignUpAsync("organiser");
        var exhibition = await app.LiveExhibitionAsync(organiser);
        var exhibitor = await app.ExhibitorAsync();
        await exhibitor.ApplyAsync(exhibition.Id());

        var again = await exhibitor.Client.PostAsync($"/api/v1/exhibitions/{exhibition.Id()}/booth-applications", new { tier = "Premium", pitch = "Lagi", productIds = Array.Empty<Guid>() });
        await again.ShouldBeProblemAsync(409, code: "exhibitions.application.already_applied");
    }

    [Fact]
    public async Task Applying_to_an_ended_exhibition_is_refused()
    {
        var organiser = await app.SignUpAsync("organiser");
        var now = app.Clock.GetUtcNow();
        var created = await organiser.CreateExhibitionAsync(ExhibitionBody(now.AddHours(1), now.AddHours(2)));
        await organiser.PublishAsync(created.Id());
        var exhibitor = await app.ExhibitorAsync();

        app.Clock.Advance(TimeSpan.FromHours(3));
        var response = await exhibitor.Client.PostAsync($"/api/v1/exhibitions/{created.Id()}/booth-applications", new { tier = "Standard", pitch = "Halo", productIds = Array.Empty<Guid>() });
        await response.ShouldBeProblemAsync(409, code: "exhibitions.exhibition.ended");
    }

    [Fact]
    public async Task Bad_applications_are_refused_naming_the_field()
    {
        var organiser = await app.SignUpAsync("organiser");
        var exhibition = await app.LiveExhibitionAsync(organiser);
        var exhibitor = await app.ExhibitorAsync();
        var other = await app.ExhibitorAsync();
        var url = $"/api/v1/exhibitions/{exhibition.Id()}/booth-applications";

        await (await exhibitor.Client.PostAsync(url, new { tier = "Gold", pitch = "x" })).ShouldBeProblemAsync(400, "tier");
        await (await exhibitor.Client.PostAsync(url, new { tier = "Standard", hall = "Hall Antah", pitch = "x" })).ShouldBeProblemAsync(400, "hall");
        await (await exhibitor.Client.PostAsync(url, new { tier = "Standard", pitch = "" })).ShouldBeProblemAsync(400, "pitch");
        await (await exhibitor.Client.PostAsync(url, new { tier = "Standard", pitch = "x", productIds = new[] { other.ProductId } })).ShouldBeProblemAsync(400, "productIds");
        await (await exhibitor.Client.PostAsync(url, new { shopId = other.ShopId, tier = "Standard", pitch = "x" })).ShouldBeProblemAsync(403);

        var shopless = await app.SignUpAsync("merchant");
        await (await shopless.PostAsync(url, new { tier = "Standard", pitch = "x" })).ShouldBeProblemAsync(422);
        var shopper = await app.SignUpAsync("shopper");
        await (await shopper.PostAsync(url, new { tier = "Standard", pitch = "x" })).ShouldHaveStatusAsync(403);
        await (await exhibitor.Client.PostAsync($"/api/v1/exhibitions/{Guid.NewGuid()}/booth-applications", new { tier = "Standard", pitch = "x" })).ShouldBeProblemAsync(404);

        // A fashion shop at a culinary-only exhibition.
        var culinary = await app.LiveExhibitionAsync(organiser, subsectors: ["kuliner"]);
        var fashion = await app.ExhibitorAsync(subsectors: ["fashion"]);
        await (await fashion.Client.PostAsync($"/api/v1/exhibitions/{culinary.Id()}/booth-applications", new { tier = "Standard", pitch = "x" })).ShouldBeProblemAsync(422, "shopId");

        // Nothing was written by the refused attempts.
        var all = await organiser.GetJsonAsync($"/api/v1/exhibitions/{exhibition.Id()}/booth-applications");
        Assert.Equal(0, all["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task Approving_beyond_a_tiers_capacity_is_refused_even_when_approvals_race()
    {
        var organiser = await app.SignUpAsync("organiser");
        var exhibition = await app.LiveExhibitionAsync(organiser, standard: 2, premium: 1);
        var applications = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            var exhibitor = await app.ExhibitorAsync();
            applications.Add((await exhibitor.ApplyAsync(exhibition.Id())).Id());
        }

        var results = await Task.WhenAll(applications.Select(id => organiser.PostAsync($"/api/v1/booth-applications/{id}/approve")));
        Assert.Equal(2, results.Count(r => (int)r.StatusCode == 200));
        Assert.Equal(4, results.Count(r => (int)r.StatusCode == 409));
        foreach (var refused in results.Where(r => (int)r.StatusCode == 409))
        {
            await refused.ShouldBeProblemAsync(409, code: "exhibitions.tier.full");
        }

        var directory = await app.Anonymous().GetJsonAsync($"/api/v1/exhibitions/{exhibition.Id()}/booths");
        Assert.Equal(2, directory["total"]!.GetValue<int>());
        var slots = directory["items"]!.AsArray().Select(b => (b!.Str("hall"), b!["slot"]!.GetValue<int>())).ToList();
        Assert.Equal(slots.Count, slots.Distinct().Count());
        var read = await app.Anonymous().GetJsonAsync($"/api/v1/exhibitions/{exhibition.Id()}");
        Assert.Equal(2, read["tiers"]![0]!["taken"]!.GetValue<int>());
        var pending = await organiser.GetJsonAsync($"/api/v1/exhibitions/{exhibition.Id()}/booth-applications?status=pending");
        Assert.Equal(4, pending["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task Organiser_B_cannot_see_or_decide_organiser_As_applications()
    {
        var a = await app.SignUpAsync("organiser");
        var b = await app.SignUpAsync("organiser");
        var exhibition = await app.LiveExhibitionAsync(a);
        var exhibitor = await app.ExhibitorAsync();
        var application = await exhibitor.ApplyAsync(exhibition.Id());

        await (await b.GetAsync($"/api/v1/exhibitions/{exhibition.Id()}/booth-applications")).ShouldBeProblemAsync(403);
        await (await b.PostAsync($"/api/v1/booth-applications/{application.Id()}/approve")).ShouldBeProblemAsync(403);
        await (await b.PostAsync($"/api/v1/booth-applications/{application.Id()}/reject", new { reason = "Tidak" })).ShouldBeProblemAsync(403);
        await (await b.PostAsync($"/api/v1/booth-applications/{Guid.NewGuid()}/approve")).ShouldBeProblemAsync(404);

        var still = await a.GetJsonAsync($"/api/v1/exhibitions/{exhibition.Id()}/booth-applications?status=pending");
        Assert.Equal(1, still["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_exhibitor_dresses_the_booth_with_own_published_products_only()
    {
        var organiser = await app.SignUpAsync("organiser");
        var exhibition = await app.LiveExhibitionAsync(organiser);
        var exhibitor = await app.ExhibitorAsync();
        var booth = await exhibitor.OpenBoothAsync(organiser, exhibition.Id());
        var second = await exhibitor.Client.CreatePublishedProductAsync(exhibitor.ShopId, "Kemplang Panggang", 1_500_000);
        var other = await app.ExhibitorAsync();
        var now = app.Clock.GetUtcNow();
        var url = $"/api/v1/booths/{booth.Id()}";

        var dressed = await exhibitor.Client.PatchAsync(url, new
        {
            bannerUrl = "https://img.example.id/booth.jpg",
            story = "<p>Dari dapur <strong>nenek</strong>.</p><img src=x onerror=alert(1)>",
            featuredProductIds = new[] { second.Id(), exhibitor.ProductId },
            videoUrl = "https://video.example.id/pempek",
            documents = new[] { new { title = "Katalog grosir", url = "https://files.example.id/katalog.pdf" } },
            liveSessions = new[] { new { title = "Demo masak pempek", startsAt = Iso(now.AddHours(2)), endsAt = Iso(now.AddHours(3)), streamUrl = "https://live.example.id/1" } },
        });
        await dressed.ShouldHaveStatusAsync(200);
        var page = await app.Anonymous().GetJsonAsync(url);
        Assert.Equal("https://img.example.id/booth.jpg", page.Str("bannerUrl"));
        Assert.DoesNotContain("onerror", page.Str("story"), StringComparison.OrdinalIgnoreCase);
        Assert.Equal([second.Id(), exhibitor.ProductId], page["featuredProducts"]!.AsArray().Select(p => p!.Id()).ToArray());
        Assert.Equal("Katalog grosir", page["documents"]![0]!.Str("title"));
        Assert.Equal("Demo masak pempek", page["liveSessions"]![0]!.Str("title"));
        Assert.False(page["liveSessions"]![0]!["onAir"]!.GetValue<bool>());

        // Live catalog data: a price change shows at once; an unpublished product drops out.
        await (await exhibitor.Client.PatchAsync($"/api/v1/products/{second.Id()}", new { price = new { amount = 1_750_000, currency = "IDR" } })).ShouldHaveStatusAsync(200);
        await (await exhibitor.Client.PostAsync($"/api/v1/products/{exhibitor.ProductId}/unpublish")).ShouldHaveStatusAsync(200);
        page = await app.Anonymous().GetJsonAsync(url);
        var featured = Assert.Single(page["featuredProducts"]!.AsArray())!;
        Assert.Equal(1_750_000, featured["price"]!.Long("amount"));

        // Another shop's product, a draft, a bad URL, a session outside the exhibition: refused, nothing changed.
        await (await exhibitor.Client.PatchAsync(url, new { featuredProductIds = new[] { other.ProductId } })).ShouldBeProblemAsync(400, "featuredProductIds");
        await (await exhibitor.Client.PatchAsync(url, new { featuredProductIds = new[] { exhibitor.ProductId } })).ShouldBeProblemAsync(400, "featuredProductIds");
        await (await exhibitor.Client.PatchAsync(url, new { videoUrl = "ftp://x" })).ShouldBeProblemAsync(400, "videoUrl");
        await (await exhibitor.Client.PatchAsync(url, new { documents = new[] { new { title = "", url = "https://x.id/a.pdf" } } })).ShouldBeProblemAsync(400, "documents[0].title");
        await (await exhibitor.Client.PatchAsync(url, new { liveSessions = new[] { new { title = "Nanti", startsAt = Iso(now.AddDays(20)), endsAt = Iso(now.AddDays(20).AddHours(1)), streamUrl = "https://live.example.id/2" } } }))
            .ShouldBeProblemAsync(400, "liveSessions[0].startsAt");
        await (await other.Client.PatchAsync(url, new { bannerUrl = "https://evil.example/x.jpg" })).ShouldBeProblemAsync(403);
        page = await app.Anonymous().GetJsonAsync(url);
        Assert.Equal("https://img.example.id/booth.jpg", page.Str("bannerUrl"));
        Assert.Equal("https://video.example.id/pempek", page.Str("videoUrl"));
        Assert.Single(page["liveSessions"]!.AsArray());
    }

    [Fact]
    public async Task The_booth_promo_is_a_cart_voucher_of_the_shop_valid_for_the_whole_exhibition()
    {
        var organiser = await app.SignUpAsync("organiser");
        var now = app.Clock.GetUtcNow();
        var exhibition = await app.LiveExhibitionAsync(organiser); // started an hour ago, ends in ten days
        var exhibitor = await app.ExhibitorAsync();
        var other = await app.ExhibitorAsync();
        var booth = await exhibitor.OpenBoothAsync(organiser, exhibition.Id());
        var url = $"/api/v1/booths/{booth.Id()}";

        async Task<string> VoucherAsync(ApiClient merchant, Guid shopId, DateTimeOffset from, DateTimeOffset until)
        {
            var code = "PAMERAN-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
            var created = await merchant.PostAsync($"/api/v1/shops/{shopId}/vouchers", new { code, kind = "percentage", value = 10, validFrom = from, validUntil = until });
            await created.ShouldHaveStatusAsync(201);
            return code;
        }

        var covering = await VoucherAsync(exhibitor.Client, exhibitor.ShopId, now.AddDays(-1), now.AddDays(11));
        var tooShort = await VoucherAsync(exhibitor.Client, exhibitor.ShopId, now.AddDays(-1), now.AddDays(2));
        var foreign = await VoucherAsync(other.Client, other.ShopId, now.AddDays(-1), now.AddDays(11));

        await (await exhibitor.Client.PatchAsync(url, new { promoCode = tooShort })).ShouldBeProblemAsync(400, "promoCode");
        await (await exhibitor.Client.PatchAsync(url, new { promoCode = foreign })).ShouldBeProblemAsync(400, "promoCode");
        await (await exhibitor.Client.PatchAsync(url, new { promoCode = "TIDAK-ADA" })).ShouldBeProblemAsync(400, "promoCode");
        await (await exhibitor.Client.PatchAsync(url, new { promoCode = covering.ToLowerInvariant() })).ShouldHaveStatusAsync(200);

        var page = await app.Anonymous().GetJsonAsync(url);
        var promo = page["promo"]!;
        Assert.Equal(covering, promo.Str("code"));
        Assert.Equal("percentage", promo.Str("kind"));
        Assert.Equal(10, promo.Long("value"));
        Assert.True(promo["active"]!.GetValue<bool>());
        var directory = await app.Anonymous().GetJsonAsync($"/api/v1/exhibitions/{exhibition.Id()}/booths");
        Assert.True(directory["items"]!.AsArray().Single(b => b!.Id() == booth.Id())!["hasPromo"]!.GetValue<bool>());

        await (await exhibitor.Client.PatchAsync(url, new { promoCode = "" })).ShouldHaveStatusAsync(200);
        Assert.Null((await app.Anonymous().GetJsonAsync(url))["promo"]);
    }

    [Fact]
    public async Task A_booth_cannot_be_changed_after_the_exhibition_ends()
    {
        var organiser = await app.SignUpAsync("organiser");
        var now = app.Clock.GetUtcNow();
        var created = await organiser.CreateExhibitionAsync(ExhibitionBody(now.AddMinutes(-5), now.AddHours(1)));
        await organiser.PublishAsync(created.Id());
        var exhibitor = await app.ExhibitorAsync();
        var booth = await exhibitor.OpenBoothAsync(organiser, created.Id());
        await (await exhibitor.Client.PatchAsync($"/api/v1/booths/{booth.Id()}", new { bannerUrl = "https://img.example.id/a.jpg" })).ShouldHaveStatusAsync(200);

        app.Clock.Advance(TimeSpan.FromHours(2));
        await (await exhibitor.Client.PatchAsync($"/api/v1/booths/{booth.Id()}", new { bannerUrl = "https://img.example.id/b.jpg" })).ShouldBeProblemAsync(409);
        Assert.Equal("ended", (await app.Anonymous().GetJsonAsync($"/api/v1/booths/{booth.Id()}")).Str("exhibitionStatus"));
    }

    [Fact]
    public async Task The_hall_directory_filters_by_hall_subsector_and_text()
    {
        var organiser = await app.SignUpAsync("organiser");
        var exhibition = await app.LiveExhibitionAsync(organiser);
        var culinary = await app.ExhibitorAsync(subsectors: ["kuliner"]);
        var craft = await app.ExhibitorAsync(subsectors: ["kriya"]);
        var culinaryBooth = await culinary.OpenBoothAsync(organiser, exhibition.Id());
        var craftBooth = await craft.OpenBoothAsync(organiser, exhibition.Id());
        var baseUrl = $"/api/v1/exhibitions/{exhibition.Id()}/booths";

        var bySubsector = await app.Anonymous().GetJsonAsync(baseUrl + "?subsector=kriya");
        Assert.Equal(craftBooth.Id(), Assert.Single(bySubsector["items"]!.AsArray())!.Id());
        var byText = await app.Anonymous().GetJsonAsync(baseUrl + "?q=" + Uri.EscapeDataString(culinary.ShopName[..12].ToUpperInvariant()));
        Assert.Contains(byText["items"]!.AsArray(), b => b!.Id() == culinaryBooth.Id());
        var byHall = await app.Anonymous().GetJsonAsync(baseUrl + "?hall=" + Uri.EscapeDataString(culinaryBooth.Str("hall")));
        Assert.All(byHall["items"]!.AsArray(), b => Assert.Equal(culinaryBooth.Str("hall"), b!.Str("hall")));
        await (await app.Anonymous().GetAsync(baseUrl + "?pageSize=500")).ShouldBeProblemAsync(400, "pageSize");
    }
}
