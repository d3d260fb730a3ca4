using Microsoft.Extensions.DependencyInjection;
using System.Text.Json.Nodes;

namespace Marketplace.Engagement.Tests;

[Collection(AppCollection.Name)]
public sealed class FollowAndNotificationTestsOnSqlite(EngagementApp app) : FollowAndNotificationTests(app);

[Collection(PostgresAppCollection.Name)]
public sealed class FollowAndNotificationTestsOnPostgres(EngagementAppOnPostgres app) : FollowAndNotificationTests(app);

/// <summary>Wishlists, following shops and exhibitions, and the notifications followers get.</summary>
public abstract class FollowAndNotificationTests(EngagementApp app)
{
    [Fact]
    public async Task A_shopper_saves_products_to_a_wishlist_and_sees_them_with_live_data()
    {
        var (merchant, shopId, shopName, _) = await app.MerchantWithShopAsync();
        var first = await merchant.PublishedProductAsync(shopId, "Tenun Ikat Kediri");
        var second = await merchant.PublishedProductAsync(shopId, "Tahu Takwa", stock: 1);
        var shopper = await app.SignUpAsync("shopper");

        await (await shopper.PutAsync($"/api/v1/me/wishlist/{first}", new { })).ShouldHaveStatusAsync(204);
        await (await shopper.PutAsync($"/api/v1/me/wishlist/{first}", new { })).ShouldHaveStatusAsync(204);
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        await (await shopper.PutAsync($"/api/v1/me/wishlist/{second}", new { })).ShouldHaveStatusAsync(204);
        await (await shopper.PutAsync($"/api/v1/me/wishlist/{Guid.NewGuid()}", new { })).ShouldBeProblemAsync(404);
        await (await app.Anonymous().PutAsync($"/api/v1/me/wishlist/{first}", new { })).ShouldHaveStatusAsync(401);

        var list = await shopper.GetJsonAsync("/api/v1/me/wishlist");
        Assert.Equal(2, list["total"]!.GetValue<int>());
        Assert.Equal([second, first], list["items"]!.AsArray().Select(i => i!.G("productId")));
        Assert.Equal(shopName, list["items"]![0]!.S("shopName"));

        var other = await app.SignUpAsync("shopper");
        Assert.Equal(0, (await other.GetJsonAsync("/api/v1/me/wishlist"))["total"]!.GetValue<int>());
        await (await other.DeleteAsync($"/api/v1/me/wishlist/{first}")).ShouldHaveStatusAsync(204);
        Assert.Equal(2, (await shopper.GetJsonAsync("/api/v1/me/wishlist"))["total"]!.GetValue<int>());

        await (await shopper.DeleteAsync($"/api/v1/me/wishlist/{first}")).ShouldHaveStatusAsync(204);
        Assert.Equal([second], (await shopper.GetJsonAsync("/api/v1/me/wishlist"))["items"]!.AsArray().Select(i => i!.G("productId")));
    }

    [Fact]
    public async Task Followers_of_a_shop_are_told_once_about_each_new_product()
    {
        var (merchant, shopId, shopName, _) = await app.MerchantWithShopAsync();
        var follower = await app.SignUpAsync("shopper");
        var bystander = await app.SignUpAsync("shopper");
        await (await follower.PutAsync($"/api/v1/me/follows/shops/{shopId}", new { })).ShouldHaveStatusAsync(204);
        await (await follower.PutAsync($"/api/v1/me/follows/shops/{shopId}", new { })).ShouldHaveStatusAsync(204);
        await (await follower.PutAsync($"/api/v1/me/follows/shops/{Guid.NewGuid()}", new { })).ShouldBeProblemAsync(404);
        var follows = await follower.GetJsonAsync("/api/v1/me/follows?kind=shop");
        Assert.Equal([shopId], follows["items"]!.AsArray().Select(f => f!.G("targetId")));
        await (await follower.GetAsync("/api/v1/me/follows?kind=people")).ShouldBeProblemAsync(400, "kind");

        var productId = await merchant.PublishedProductAsync(shopId, "Batik Malangan");
        await (await merchant.PostAsync($"/api/v1/products/{productId}/unpublish")).ShouldHaveStatusAsync(200);
        await (await merchant.PostAsync($"/api/v1/products/{productId}/publish")).ShouldHaveStatusAsync(200);
        await app.DrainOutboxAsync();

        var notifications = await follower.GetJsonAsync("/api/v1/me/notifications");
        var items = notifications["items"]!.AsArray();
        var single = Assert.Single(items)!;
        Assert.Equal("new_product", single.S("kind"));
        Assert.Contains(shopName, single.S("title"), StringComparison.Ordinal);
        Assert.Contains("Batik Malangan", single.S("title"), StringComparison.Ordinal);
        Assert.Equal($"/api/v1/products/{productId}", single.S("link"));
        Assert.Equal(0, (await bystander.GetJsonAsync("/api/v1/me/notifications"))["total"]!.GetValue<int>());

        Assert.Equal(1, (await follower.GetJsonAsync("/api/v1/me/notifications/unread-count"))["unread"]!.GetValue<int>());
        await (await bystander.PostAsync($"/api/v1/me/notifications/{single.Id()}/read")).ShouldBeProblemAsync(404);
        await (await follower.PostAsync($"/api/v1/me/notifications/{single.Id()}/read")).ShouldHaveStatusAsync(204);
        await (await follower.PostAsync($"/api/v1/me/notifications/{single.Id()}/read")).ShouldHaveStatusAsync(204);
        Assert.Equal(0, (await follower.GetJsonAsync("/api/v1/me/notifications/unread-count"))["unread"]!.GetValue<int>());
        Assert.Equal(0, (await follower.GetJsonAsync("/api/v1/me/notifications?unread=true"))["total"]!.GetValue<int>());

        await (await follower.DeleteAsync($"/api/v1/me/follows/shops/{shopId}")).ShouldHaveStatusAsync(204);
        await merchant.PublishedProductAsync(shopId, "Keripik Tempe");
        await app.DrainOutboxAsync();
        Assert.Equal(1, (await follower.GetJsonAsync("/api/v1/me/notifications"))["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task Followers_hear_when_an_exhibition_opens_its_booths_go_live_and_a_live_session_starts()
    {
        var organiser = await app.SignUpAsync("organiser");
        var now = app.Clock.GetUtcNow();
        var startsAt = now.AddHours(2);
        var created = await organiser.PostAsync("/api/v1/exhibitions", ExhibitionBody(startsAt, startsAt.AddDays(5)));
        await created.ShouldHaveStatusAsync(201);
        var exhibition = await created.JsonAsync();
        var exhibitionId = exhibition.Id();
        await (await organiser.PostAsync($"/api/v1/exhibitions/{exhibitionId}/publish")).ShouldHaveStatusAsync(200);

        var (merchant, shopId, shopName, _) = await app.MerchantWithShopAsync();
        var productId = await merchant.PublishedProductAsync(shopId, "Pempek Lenjer");
        // The product's publication is delivered before the fan follows: delivered after, it would (rightly) tell the fan.
        await app.DrainOutboxAsync();
        var visitor = await app.SignUpAsync("shopper");
        var fan = await app.SignUpAsync("shopper");
        await (await visitor.PutAsync($"/api/v1/me/follows/exhibitions/{exhibitionId}", new { })).ShouldHaveStatusAsync(204);
        await (await visitor.PutAsync($"/api/v1/me/follows/exhibitions/{Guid.NewGuid()}", new { })).ShouldBeProblemAsync(404);
        await (await fan.PutAsync($"/api/v1/me/follows/shops/{shopId}", new { })).ShouldHaveStatusAsync(204);

        var applied = await merchant.PostAsync($"/api/v1/exhibitions/{exhibitionId}/booth-applications", new
        {
            shopId, tier = "Standard", pitch = "Pempek asli Palembang", productIds = new[] { productId },
        });
        await applied.ShouldHaveStatusAsync(201);
        var approved = await organiser.PostAsync($"/api/v1/booth-applications/{(await applied.JsonAsync()).Id()}/approve");
        await approved.ShouldHaveStatusAsync(200);
        var boothId = (await approved.JsonAsync())["booth"]!.Id();
        var sessionStart = startsAt.AddHours(3);
        await (await merchant.PatchAsync($"/api/v1/booths/{boothId}", new
        {
            liveSessions = new[] { new { title = "Demo masak pempek", startsAt = Fixtures.Iso(sessionStart), endsAt = Fixtures.Iso(sessionStart.AddHours(1)), streamUrl = "https://live.example.id/pempek" } },
        })).ShouldHaveStatusAsync(200);
        await app.DrainOutboxAsync();
        Assert.Equal(0, (await fan.GetJsonAsync("/api/v1/me/notifications"))["total"]!.GetValue<int>());

        app.Clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));
        await Eventually.HoldsAsync(async () => (await visitor.GetJsonAsync("/api/v1/me/notifications"))["total"]!.GetValue<int>() == 1
            && (await fan.GetJsonAsync("/api/v1/me/notifications"))["total"]!.GetValue<int>() == 1, because: "the opening is noticed by the next scan");
        var opened = (await visitor.GetJsonAsync("/api/v1/me/notifications"))["items"]![0]!;
        Assert.Equal("exhibition_opened", opened.S("kind"));
        var live = (await fan.GetJsonAsync("/api/v1/me/notifications"))["items"]![0]!;
        Assert.Equal("booth_live", live.S("kind"));
        Assert.Contains(shopName, live.S("title"), StringComparison.Ordinal);
        Assert.Equal($"/api/v1/booths/{boothId}", live.S("link"));

        app.Clock.Advance(TimeSpan.FromHours(3));
        await Eventually.HoldsAsync(async () => (await visitor.GetJsonAsync("/api/v1/me/notifications"))["total"]!.GetValue<int>() == 2,
            because: "the live session's start is noticed by the next scan");
        var session = (await visitor.GetJsonAsync("/api/v1/me/notifications"))["items"]![0]!;
        Assert.Equal("live_session", session.S("kind"));
        Assert.Contains("Demo masak pempek", session.S("title"), StringComparison.Ordinal);

        // Scanning on (and redelivering events) tells nobody twice.
        var scans = app.Services.GetRequiredService<IServiceScopeFactory>();
        await using (var scope = scans.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Marketplace.Engagement.Notifications.ScheduleScan>().RunAsync(CancellationToken.None);
        }

        Assert.Equal(2, (await visitor.GetJsonAsync("/api/v1/me/notifications"))["total"]!.GetValue<int>());
        Assert.Equal(1, (await fan.GetJsonAsync("/api/v1/me/notifications"))["total"]!.GetValue<int>());
        var marked = await (await visitor.PostAsync("/api/v1/me/notifications/read-all")).JsonAsync();
        Assert.Equal(2, marked["marked"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_booth_opened_while_its_exhibition_is_live_tells_the_shops_followers_at_once()
    {
        var organiser = await app.SignUpAsync("organiser");
        var now = app.Clock.GetUtcNow();
        var created = await organiser.PostAsync("/api/v1/exhibitions", ExhibitionBody(now.AddMinutes(30), now.AddDays(3)));
        await created.ShouldHaveStatusAsync(201);
        var exhibitionId = (await created.JsonAsync()).Id();
        await (await organiser.PostAsync($"/api/v1/exhibitions/{exhibitionId}/publish")).ShouldHaveStatusAsync(200);
        app.Clock.Advance(TimeSpan.FromHours(1));

        var (merchant, shopId, _, _) = await app.MerchantWithShopAsync();
        var productId = await merchant.PublishedProductAsync(shopId, "Kain Songket");
        var fan = await app.SignUpAsync("shopper");
        await (await fan.PutAsync($"/api/v1/me/follows/shops/{shopId}", new { })).ShouldHaveStatusAsync(204);
        await app.DrainOutboxAsync();
        await (await fan.PostAsync("/api/v1/me/notifications/read-all")).ShouldHaveStatusAsync(200);

        var applied = await merchant.PostAsync($"/api/v1/exhibitions/{exhibitionId}/booth-applications", new
        {
            shopId, tier = "Standard", pitch = "Songket Palembang", productIds = new[] { productId },
        });
        await applied.ShouldHaveStatusAsync(201);
        await (await organiser.PostAsync($"/api/v1/booth-applications/{(await applied.JsonAsync()).Id()}/approve")).ShouldHaveStatusAsync(200);
        await app.DrainOutboxAsync();

        var unread = await fan.GetJsonAsync("/api/v1/me/notifications?unread=true");
        Assert.Equal("booth_live", Assert.Single(unread["items"]!.AsArray())!.S("kind"));
    }

    private static object ExhibitionBody(DateTimeOffset startsAt, DateTimeOffset endsAt) => new
    {
        title = $"Palembang Expo {Guid.NewGuid():N}"[..30],
        cityCode = Fixtures.Palembang,
        startsAt = Fixtures.Iso(startsAt),
        endsAt = Fixtures.Iso(endsAt),
        subsectors = new[] { "kuliner" },
        tiers = new object[] { new { name = "Standard", capacity = 10 } },
        halls = new object[] { new { name = "Hall Kuliner" } },
    };
}
