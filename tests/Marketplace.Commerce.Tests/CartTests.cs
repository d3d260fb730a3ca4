using System.Text.Json.Nodes;
using Marketplace.Cart.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Commerce.Tests;

[Collection(AppCollection.Name)]
public sealed class CartTestsOnSqlite(CommerceApp app) : CartTests(app);

[Collection(PostgresAppCollection.Name)]
public sealed class CartTestsOnPostgres(CommerceAppOnPostgres app) : CartTests(app);

public abstract class CartTests(CommerceApp app)
{
    [Fact]
    public async Task A_guest_gets_a_token_and_only_that_token_opens_the_cart()
    {
        var (_, shopId, productId) = await app.MerchantWithProductAsync(stock: 5);
        var guest = app.Anonymous();

        var added = await guest.AddToCartAsync(productId, 2);
        await added.ShouldHaveStatusAsync(200);
        var body = await added.JsonAsync();
        var token = body.S("token");
        Assert.Equal(token, added.Headers.GetValues("X-Cart-Token").Single());
        Assert.Equal(shopId, body["shops"]![0]!.G("shopId"));
        Assert.Equal(5_000_000, body["shops"]![0]!.Amount("subtotal"));

        var again = await app.Anonymous().WithCartToken(token).GetJsonAsync("/api/v1/cart");
        Assert.Equal(2, again["shops"]![0]!["lines"]![0]!["quantity"]!.GetValue<int>());

        Assert.Empty((await app.Anonymous().GetJsonAsync("/api/v1/cart"))["shops"]!.AsArray());
        var stranger = await app.Anonymous().WithCartToken("not-" + token).GetAsync("/api/v1/cart");
        await stranger.ShouldBeProblemAsync(404, code: "cart.not_found");
        var strangerAdd = await app.Anonymous().WithCartToken(Guid.NewGuid().ToString()).AddToCartAsync(productId);
        await strangerAdd.ShouldBeProblemAsync(404);
    }

    [Fact]
    public async Task Lines_are_grouped_by_shop_with_subtotals_and_flag_price_and_stock_changes()
    {
        var (merchantA, _, productA) = await app.MerchantWithProductAsync(stock: 5, price: 1_000_000);
        var (_, shopB, productB) = await app.MerchantWithProductAsync(stock: 5, price: 2_000_000);
        var shopper = await app.SignUpAsync("shopper");
        await shopper.AddOkAsync(productA, 2);
        await shopper.AddOkAsync(productA, 1); // Same product: the line grows.
        var cart = await shopper.AddOkAsync(productB, 1);

        Assert.Equal(2, cart["shops"]!.AsArray().Count);
        Assert.Null(cart["token"]);
        Assert.Equal(3, cart["shops"]![0]!["lines"]![0]!["quantity"]!.GetValue<int>());
        Assert.Equal(3_000_000, cart["shops"]![0]!.Amount("subtotal"));
        Assert.Equal(shopB, cart["shops"]![1]!.G("shopId"));
        Assert.Equal(5_000_000, cart.Amount("total"));

        (await merchantA.PatchAsync($"/api/v1/products/{productA}", new { price = new { amount = 1_200_000, currency = "IDR" } })).EnsureSuccessStatusCode();
        (await merchantA.PutAsync($"/api/v1/products/{productA}/stock", new { quantity = 2 })).EnsureSuccessStatusCode();

        var line = (await shopper.GetJsonAsync("/api/v1/cart"))["shops"]![0]!["lines"]![0]!;
        Assert.True(line["priceChanged"]!.GetValue<bool>());
        Assert.Equal(1_200_000, line.Amount("unitPrice"));
        Assert.Equal(1_000_000, line.Amount("unitPriceSeen"));
        Assert.True(line["stockShort"]!.GetValue<bool>());
        Assert.Equal(2, line["available"]!.GetValue<int>());
    }

    [Fact]
    public async Task Lines_can_be_changed_and_removed_but_not_someone_elses()
    {
        var (_, _, productId) = await app.MerchantWithProductAsync(stock: 5);
        var shopper = await app.SignUpAsync("shopper");
        var cart = await shopper.AddOkAsync(productId, 1);
        var lineId = cart["shops"]![0]!["lines"]![0]!.Id();

        var changed = await shopper.PatchAsync($"/api/v1/cart/items/{lineId}", new { quantity = 4 });
        await changed.ShouldHaveStatusAsync(200);
        Assert.Equal(4, (await changed.JsonAsync())["itemCount"]!.GetValue<int>());
        await (await shopper.PatchAsync($"/api/v1/cart/items/{lineId}", new { quantity = 6 })).ShouldBeProblemAsync(409, "quantity", "cart.insufficient_stock");

        var other = await app.SignUpAsync("shopper");
        await (await other.PatchAsync($"/api/v1/cart/items/{lineId}", new { quantity = 1 })).ShouldBeProblemAsync(404);
        await (await other.DeleteAsync($"/api/v1/cart/items/{lineId}")).ShouldBeProblemAsync(404);
        await (await app.Anonymous().DeleteAsync($"/api/v1/cart/items/{lineId}")).ShouldBeProblemAsync(404);

        var removed = await shopper.DeleteAsync($"/api/v1/cart/items/{lineId}");
        await removed.ShouldHaveStatusAsync(200);
        Assert.Empty((await removed.JsonAsync())["shops"]!.AsArray());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(1000)]
    public async Task A_quantity_out_of_range_is_a_400_naming_it(int quantity)
    {
        var (_, _, productId) = await app.MerchantWithProductAsync(stock: 5);
        var response = await app.Anonymous().AddToCartAsync(productId, quantity);
        await response.ShouldBeProblemAsync(400, "quantity");
    }

    [Fact]
    public async Task More_than_in_stock_unknown_unpublished_or_suspended_is_refused_naming_the_field()
    {
        var (merchant, shopId, productId) = await app.MerchantWithProductAsync(stock: 3);
        var guest = app.Anonymous();
        await (await guest.AddToCartAsync(productId, 4)).ShouldBeProblemAsync(409, "quantity", "cart.insufficient_stock");
        await (await guest.AddToCartAsync(Guid.NewGuid())).ShouldBeProblemAsync(422, "productId", "cart.product_not_found");
        await (await guest.PostAsync("/api/v1/cart/items", new { quantity = 1 })).ShouldBeProblemAsync(400, "productId");
        await (await guest.SendRawAsync(HttpMethod.Post, "/api/v1/cart/items", "{\"productId\": \"nope\", \"quantity\": 1}")).ShouldBeProblemAsync(400);

        var draft = await merchant.PostAsync($"/api/v1/shops/{shopId}/products", Fixtures.ProductBody("Draft", 1000, 5));
        var draftId = (await draft.JsonAsync()).Id();
        await (await guest.AddToCartAsync(draftId)).ShouldBeProblemAsync(422, "productId", "cart.product_not_published");

        var admin = await app.AdminAsync();
        (await admin.PostAsync($"/api/v1/shops/{shopId}/suspend", new { reason = "Pemeriksaan" })).EnsureSuccessStatusCode();
        await (await guest.AddToCartAsync(productId)).ShouldBeProblemAsync(422, "productId", "cart.shop_suspended");
    }

    [Fact]
    public async Task Signing_in_merges_the_guest_cart_capped_at_stock_and_the_guest_token_stops_working()
    {
        var (_, _, scarce) = await app.MerchantWithProductAsync(stock: 6);
        var (_, _, plenty) = await app.MerchantWithProductAsync(stock: 50);
        var guest = app.Anonymous();
        var token = (await guest.AddOkAsync(scarce, 4)).S("token");
        guest.WithCartToken(token);
        await guest.AddOkAsync(plenty, 2);

        var shopper = await app.SignUpAsync("shopper");
        await shopper.AddOkAsync(scarce, 5);
        shopper.WithCartToken(token);
        var merged = await shopper.PostAsync("/api/v1/cart/merge");
        await merged.ShouldHaveStatusAsync(200);
        var cart = await merged.JsonAsync();

        var lines = cart["shops"]!.AsArray().SelectMany(s => s!["lines"]!.AsArray()).ToDictionary(l => l!.G("productId"), l => l!["quantity"]!.GetValue<int>());
        Assert.Equal(6, lines[scarce]); // 5 + 4, capped at the 6 in stock.
        Assert.Equal(2, lines[plenty]);
        await (await app.Anonymous().WithCartToken(token).GetAsync("/api/v1/cart")).ShouldBeProblemAsync(404);
        await (await shopper.PostAsync("/api/v1/cart/merge")).ShouldBeProblemAsync(404);
        await (await app.Anonymous().WithCartToken(token).PostAsync("/api/v1/cart/merge")).ShouldHaveStatusAsync(401);
    }

    [Fact]
    public async Task Adding_from_a_booth_publishes_CartItemAdded_with_the_booth_and_an_add_without_one_publishes_nothing()
    {
        var (_, shopId, productId) = await app.MerchantWithProductAsync(stock: 5);
        var (_, _, plainProductId) = await app.MerchantWithProductAsync(stock: 5);
        var booth = Guid.NewGuid();
        var shopper = await app.SignUpAsync("shopper");
        await shopper.AddOkAsync(plainProductId, 1); // Before the booth's add: delivered in order, so it would be seen first.
        await shopper.AddOkAsync(productId, 2, booth);

        await Eventually.HoldsAsync(async () =>
        {
            await app.DrainOutboxAsync();
            return app.Events.Of<CartItemAdded>().Any(e => e.ProductId == productId);
        });
        Assert.DoesNotContain(app.Events.Of<CartItemAdded>(), e => e.ProductId == plainProductId);
        var added = app.Events.Of<CartItemAdded>().Single(e => e.ProductId == productId);
        Assert.Equal(booth, added.BoothId);
        Assert.Equal(shopId, added.ShopId);
        Assert.Equal(2, added.Quantity);
        Assert.Equal(shopper.UserId, added.UserId);
        var line = (await shopper.GetJsonAsync("/api/v1/cart"))["shops"]!.AsArray()
            .Single(s => s!.G("shopId") == shopId)!["lines"]![0]!;
        Assert.Equal(booth, line.G("boothId"));
    }

    [Fact]
    public async Task A_guest_cart_untouched_past_its_lifetime_is_gone()
    {
        var (_, _, productId) = await app.MerchantWithProductAsync(stock: 5);
        var token = (await app.Anonymous().AddOkAsync(productId)).S("token");
        try
        {
            app.Clock.Advance(TimeSpan.FromDays(31));
            await (await app.Anonymous().WithCartToken(token).GetAsync("/api/v1/cart")).ShouldBeProblemAsync(404, code: "cart.not_found");
        }
        finally
        {
            app.Clock.Reset();
        }
    }
}

/// <summary>Module plumbing that is not a route: the expired guest cart sweep.</summary>
[Collection(AppCollection.Name)]
public sealed class CommercePlumbingTests(CommerceApp app)
{
    [Fact]
    public async Task The_cleanup_deletes_guest_carts_past_their_lifetime_and_keeps_the_others()
    {
        var (_, _, productId) = await app.MerchantWithProductAsync(stock: 5);
        var old = (await app.Anonymous().AddOkAsync(productId)).S("token");
        var shopper = await app.SignUpAsync("shopper");
        await shopper.AddOkAsync(productId);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Marketplace.Cart.Persistence.CartDbContext>();
        var oldHash = Marketplace.Cart.Carts.CartAccess.Hash(old);

        Assert.True(await db.Carts.AnyAsync(c => c.TokenHash == oldHash));
        var deleted = await Marketplace.Cart.Carts.GuestCartCleanupService.DeleteExpiredAsync(db, app.Clock.GetUtcNow().AddDays(31), CancellationToken.None);

        Assert.True(deleted >= 1);
        Assert.False(await db.Carts.AnyAsync(c => c.TokenHash == oldHash));
        Assert.True(await db.Carts.AnyAsync(c => c.UserId == shopper.UserId)); // Signed-in carts never expire.
        Assert.Single((await shopper.GetJsonAsync("/api/v1/cart"))["shops"]!.AsArray());
    }
}

[Collection(AppCollection.Name)]
public sealed class ConcurrentCartTestsOnSqlite(CommerceApp app) : ConcurrentCartTests(app);

[Collection(PostgresAppCollection.Name)]
public sealed class ConcurrentCartTestsOnPostgres(CommerceAppOnPostgres app) : ConcurrentCartTests(app);

public abstract class ConcurrentCartTests(CommerceApp app)
{
    [Fact]
    public async Task Concurrent_adds_to_one_cart_are_all_counted()
    {
        var (_, _, productId) = await app.MerchantWithProductAsync(stock: 50);
        var shopper = await app.SignUpAsync("shopper");

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Task.Run(() => shopper.AddToCartAsync(productId, 2))));

        foreach (var response in responses)
        {
            await response.ShouldHaveStatusAsync(200);
        }

        var cart = await shopper.GetJsonAsync("/api/v1/cart");
        Assert.Equal(10, cart["shops"]![0]!["lines"]![0]!["quantity"]!.GetValue<int>());
    }
}
