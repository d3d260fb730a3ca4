using System.Text.Json.Nodes;

namespace Marketplace.Engagement.Tests;

[Collection(AppCollection.Name)]
public sealed class ReviewTestsOnSqlite(EngagementApp app) : ReviewTests(app);

[Collection(PostgresAppCollection.Name)]
public sealed class ReviewTestsOnPostgres(EngagementAppOnPostgres app) : ReviewTests(app);

/// <summary>Reviews from purchase to aggregate to search, and every way of getting them wrong.</summary>
public abstract class ReviewTests(EngagementApp app)
{
    [Fact]
    public async Task A_verified_buyers_reviews_become_the_products_and_shops_rating_and_sort_search_by_rating()
    {
        var purchase = await app.PurchaseAsync(products: 3, productName: $"Kemplang {Guid.NewGuid():N}"[..20]);
        var second = await app.SignUpAsync("shopper");
        // A second buyer of the same three products (same shop): buys through the same shop's products.
        foreach (var productId in purchase.ProductIds)
        {
            await (await second.PostAsync("/api/v1/cart/items", new { productId, quantity = 1 })).ShouldHaveStatusAsync(200);
        }

        var (_, secondLines) = await second.CheckoutAsync(purchase.Merchant);

        await purchase.Shopper.ReviewOkAsync(purchase.LineIds[0], 5);
        await second.ReviewOkAsync(secondLines[purchase.ProductIds[0]], 4);
        await purchase.Shopper.ReviewOkAsync(purchase.LineIds[1], 3);
        await purchase.Shopper.ReviewOkAsync(purchase.LineIds[2], 1);
        await app.DrainOutboxAsync();

        var product = await app.Anonymous().GetJsonAsync($"/api/v1/products/{purchase.ProductIds[0]}");
        Assert.Equal(4.5, product["rating"]!["average"]!.GetValue<double>());
        Assert.Equal(2, product["rating"]!["count"]!.GetValue<int>());
        Assert.Equal([0, 0, 0, 1, 1], product["rating"]!["distribution"]!.AsArray().Select(n => n!.GetValue<int>()));

        var shop = await app.ShopPageAsync(purchase.ShopSlug);
        Assert.Equal(4, shop["rating"]!["count"]!.GetValue<int>());
        Assert.Equal(3.25, shop["rating"]!["average"]!.GetValue<double>());
        Assert.Equal([1, 0, 1, 1, 1], shop["rating"]!["distribution"]!.AsArray().Select(n => n!.GetValue<int>()));

        var expected = new[] { purchase.ProductIds[0], purchase.ProductIds[1], purchase.ProductIds[2] };
        await Eventually.HoldsAsync(async () =>
        {
            var hits = (await app.Anonymous().GetJsonAsync($"/api/v1/search/products?shop={purchase.ShopId}&sort=rating"))["items"]!.AsArray();
            // Unrated products tie, so the order alone could already match while two ratings are still on their way.
            return hits.Select(h => h!.G("productId")).SequenceEqual(expected)
                && hits.Select(h => h!["rating"]?["average"]?.GetValue<double>()).SequenceEqual(new double?[] { 4.5, 3, 1 });
        }, because: "search sorts by the new ratings once the catalog has published all three");

        var atLeastThree = (await app.Anonymous().GetJsonAsync($"/api/v1/search/products?shop={purchase.ShopId}&minRating=3&sort=rating"))["items"]!.AsArray();
        Assert.Equal(expected[..2], atLeastThree.Select(h => h!.G("productId")));
        var atLeastFourAndAHalf = (await app.Anonymous().GetJsonAsync($"/api/v1/search/products?shop={purchase.ShopId}&minRating=4.5"))["items"]!.AsArray();
        Assert.Equal([expected[0]], atLeastFourAndAHalf.Select(h => h!.G("productId")));

        var bad = await app.Anonymous().GetAsync($"/api/v1/search/products?minRating=6");
        await bad.ShouldBeProblemAsync(400, "minRating");
    }

    [Fact]
    public async Task Only_the_buyer_reviews_a_line_once_with_one_to_five_stars()
    {
        var purchase = await app.PurchaseAsync();
        var line = purchase.LineIds[0];

        var stranger = await app.SignUpAsync("shopper");
        await (await stranger.ReviewAsync(line, 5)).ShouldBeProblemAsync(403, code: "engagement.review.not_your_purchase");
        await (await purchase.Merchant.ReviewAsync(line, 5)).ShouldBeProblemAsync(403);
        await (await app.Anonymous().ReviewAsync(line, 5)).ShouldHaveStatusAsync(401);
        await (await purchase.Shopper.ReviewAsync(Guid.NewGuid(), 5)).ShouldBeProblemAsync(404);

        await (await purchase.Shopper.ReviewAsync(line, 0)).ShouldBeProblemAsync(400, "rating");
        await (await purchase.Shopper.ReviewAsync(line, 6)).ShouldBeProblemAsync(400, "rating");
        await (await purchase.Shopper.PostAsync("/api/v1/reviews", new { orderLineId = line })).ShouldBeProblemAsync(400, "rating");
        await (await purchase.Shopper.ReviewAsync(line, 4, new string('a', 100_000))).ShouldBeProblemAsync(400, "text");
        await (await purchase.Shopper.SendRawAsync(HttpMethod.Post, "/api/v1/reviews", "{\"rating\": ")).ShouldBeProblemAsync(400);

        var review = await purchase.Shopper.ReviewOkAsync(line, 4, "<p>Enak <strong>sekali</strong></p><script>alert('x')</script><img src=x onerror=alert(1)>");
        var text = review.S("text");
        Assert.Contains("<strong>sekali</strong>", text, StringComparison.Ordinal);
        Assert.DoesNotContain("script", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onerror", text, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(review["photos"]!.AsArray());

        await (await purchase.Shopper.ReviewAsync(line, 5)).ShouldBeProblemAsync(409, "orderLineId", "engagement.review.already_reviewed");
        var mine = await purchase.Shopper.GetJsonAsync("/api/v1/me/reviews");
        Assert.Equal(1, mine["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task Two_reviews_of_one_line_at_once_store_exactly_one()
    {
        var purchase = await app.PurchaseAsync();
        var attempts = await Task.WhenAll(Enumerable.Range(1, 4).Select(i => purchase.Shopper.ReviewAsync(purchase.LineIds[0], i + 1)));
        Assert.Equal(1, attempts.Count(r => (int)r.StatusCode == 201));
        Assert.All(attempts.Where(r => (int)r.StatusCode != 201), r => Assert.Equal(409, (int)r.StatusCode));

        await app.DrainOutboxAsync();
        var list = await app.Anonymous().GetJsonAsync($"/api/v1/products/{purchase.ProductIds[0]}/reviews");
        Assert.Equal(1, list["total"]!.GetValue<int>());
        var product = await app.Anonymous().GetJsonAsync($"/api/v1/products/{purchase.ProductIds[0]}");
        Assert.Equal(1, product["rating"]!["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_order_is_reviewable_once_completed_or_a_week_after_shipping_never_when_cancelled()
    {
        var unpaid = await app.PurchaseAsync(until: "pending");
        await (await unpaid.Shopper.ReviewAsync(unpaid.LineIds[0], 5)).ShouldBeProblemAsync(409, "orderLineId", "engagement.review.not_yet_reviewable");
        await (await unpaid.Shopper.PostAsync($"/api/v1/orders/{unpaid.OrderId}/cancel", new { reason = "Salah pesan" })).ShouldHaveStatusAsync(200);
        await (await unpaid.Shopper.ReviewAsync(unpaid.LineIds[0], 5)).ShouldBeProblemAsync(409, "orderLineId", "engagement.review.order_cancelled");

        var paid = await app.PurchaseAsync(until: "paid");
        await (await paid.Shopper.ReviewAsync(paid.LineIds[0], 5)).ShouldBeProblemAsync(409, code: "engagement.review.not_yet_reviewable");

        var shipped = await app.PurchaseAsync(until: "shipped");
        // Orders records the shipping time on the real clock; set this module's clock there (it is at or after shipping).
        app.Clock.Reset();
        await (await shipped.Shopper.ReviewAsync(shipped.LineIds[0], 5)).ShouldBeProblemAsync(409, code: "engagement.review.not_yet_reviewable");
        app.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        await shipped.Shopper.ReviewOkAsync(shipped.LineIds[0], 5);
    }

    [Fact]
    public async Task The_author_edits_within_thirty_days_and_the_aggregate_follows()
    {
        var purchase = await app.PurchaseAsync();
        var review = await purchase.Shopper.ReviewOkAsync(purchase.LineIds[0], 2);
        var other = await app.SignUpAsync("shopper");
        await (await other.PatchAsync($"/api/v1/reviews/{review.Id()}", new { rating = 5 })).ShouldBeProblemAsync(403);
        await (await purchase.Shopper.PatchAsync($"/api/v1/reviews/{review.Id()}", new { rating = 9 })).ShouldBeProblemAsync(400, "rating");

        app.Clock.Advance(TimeSpan.FromDays(29));
        var edited = await purchase.Shopper.PatchAsync($"/api/v1/reviews/{review.Id()}", new { rating = 5, text = "Setelah dicoba lagi: mantap." });
        await edited.ShouldHaveStatusAsync(200);
        var body = await edited.JsonAsync();
        Assert.Equal(5, body["rating"]!.GetValue<int>());
        Assert.NotNull(body["editedAt"]);
        await app.DrainOutboxAsync();
        var product = await app.Anonymous().GetJsonAsync($"/api/v1/products/{purchase.ProductIds[0]}");
        Assert.Equal(5.0, product["rating"]!["average"]!.GetValue<double>());

        app.Clock.Advance(TimeSpan.FromDays(2));
        await (await purchase.Shopper.PatchAsync($"/api/v1/reviews/{review.Id()}", new { rating = 1 })).ShouldBeProblemAsync(409, code: "engagement.review.edit_window_closed");
    }

    [Fact]
    public async Task The_shop_owner_answers_once_publicly()
    {
        var purchase = await app.PurchaseAsync();
        var review = await purchase.Shopper.ReviewOkAsync(purchase.LineIds[0], 3, "Agak keras.");
        var otherMerchant = await app.SignUpAsync("merchant");
        await (await otherMerchant.PostAsync($"/api/v1/reviews/{review.Id()}/answer", new { text = "Terima kasih!" })).ShouldBeProblemAsync(403);
        await (await purchase.Shopper.PostAsync($"/api/v1/reviews/{review.Id()}/answer", new { text = "Saya juga pemilik" })).ShouldBeProblemAsync(403);
        await (await purchase.Merchant.PostAsync($"/api/v1/reviews/{review.Id()}/answer", new { text = "" })).ShouldBeProblemAsync(400, "text");

        var answers = await Task.WhenAll(
            purchase.Merchant.PostAsync($"/api/v1/reviews/{review.Id()}/answer", new { text = "Mohon maaf, <b>kami ganti</b> ya.<script>x()</script>" }),
            purchase.Merchant.PostAsync($"/api/v1/reviews/{review.Id()}/answer", new { text = "Jawaban kedua" }));
        Assert.Equal([200, 409], answers.Select(a => (int)a.StatusCode).Order());

        var shown = await app.Anonymous().GetJsonAsync($"/api/v1/reviews/{review.Id()}");
        Assert.DoesNotContain("script", shown["shopAnswer"]!.S("text"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lists_sort_newest_most_helpful_and_with_photos_first_and_one_vote_per_user_counts()
    {
        var purchase = await app.PurchaseAsync(products: 1);
        var productId = purchase.ProductIds[0];
        var buyers = new List<(ApiClient Shopper, Guid Line)> { (purchase.Shopper, purchase.LineIds[0]) };
        for (var i = 0; i < 2; i++)
        {
            var shopper = await app.SignUpAsync("shopper");
            await (await shopper.PostAsync("/api/v1/cart/items", new { productId, quantity = 1 })).ShouldHaveStatusAsync(200);
            buyers.Add((shopper, (await shopper.CheckoutAsync(purchase.Merchant)).Lines[productId]));
        }

        var first = await buyers[0].Shopper.ReviewOkAsync(buyers[0].Line, 5);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await buyers[1].Shopper.ReviewOkAsync(buyers[1].Line, 4);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var third = await buyers[2].Shopper.ReviewOkAsync(buyers[2].Line, 3);

        var voter = await app.SignUpAsync("shopper");
        for (var i = 0; i < 3; i++)
        {
            await (await voter.PostAsync($"/api/v1/reviews/{second.Id()}/helpful")).ShouldHaveStatusAsync(200);
        }

        var votes = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => buyers[0].Shopper.PostAsync($"/api/v1/reviews/{second.Id()}/helpful")));
        Assert.All(votes, v => Assert.Equal(200, (int)v.StatusCode));
        await (await buyers[2].Shopper.PostAsync($"/api/v1/reviews/{third.Id()}/helpful")).ShouldBeProblemAsync(409, code: "engagement.review.own_review");
        var state = await (await voter.PostAsync($"/api/v1/reviews/{second.Id()}/helpful")).JsonAsync();
        Assert.Equal(2, state["helpfulCount"]!.GetValue<int>());

        async Task<Guid[]> Order(string sort) =>
            (await voter.GetJsonAsync($"/api/v1/products/{productId}/reviews?sort={sort}"))["items"]!.AsArray().Select(r => r!.Id()).ToArray();

        Assert.Equal([third.Id(), second.Id(), first.Id()], await Order("newest"));
        Assert.Equal(second.Id(), (await Order("helpful"))[0]);
        // Without photos "photos first" is newest first (photos themselves: ReviewPhotoTests).
        Assert.Equal([third.Id(), second.Id(), first.Id()], await Order("photos"));
        var asVoter = (await voter.GetJsonAsync($"/api/v1/products/{productId}/reviews?sort=helpful"))["items"]![0]!;
        Assert.True(asVoter["votedHelpful"]!.GetValue<bool>());

        await (await voter.DeleteAsync($"/api/v1/reviews/{second.Id()}/helpful")).ShouldHaveStatusAsync(200);
        await (await voter.DeleteAsync($"/api/v1/reviews/{second.Id()}/helpful")).ShouldHaveStatusAsync(200);
        Assert.Equal(1, (await app.Anonymous().GetJsonAsync($"/api/v1/reviews/{second.Id()}"))["helpfulCount"]!.GetValue<int>());

        await (await app.Anonymous().GetAsync($"/api/v1/products/{productId}/reviews?sort=best")).ShouldBeProblemAsync(400, "sort");
        await (await app.Anonymous().GetAsync($"/api/v1/products/{productId}/reviews?pageSize=1000")).ShouldBeProblemAsync(400, "pageSize");
        var fourStars = await app.Anonymous().GetJsonAsync($"/api/v1/shops/{purchase.ShopId}/reviews?rating=4");
        Assert.Equal([second.Id()], fourStars["items"]!.AsArray().Select(r => r!.Id()));
    }

    [Fact]
    public async Task A_reported_review_hidden_by_an_admin_leaves_the_lists_and_the_aggregates_until_shown_again()
    {
        var purchase = await app.PurchaseAsync(products: 2);
        var kept = await purchase.Shopper.ReviewOkAsync(purchase.LineIds[0], 5);
        var abusive = await purchase.Shopper.ReviewOkAsync(purchase.LineIds[1], 1, "Kata-kata kasar");

        var reporter = await app.SignUpAsync("shopper");
        await (await reporter.PostAsync($"/api/v1/reviews/{abusive.Id()}/reports", new { reason = "" })).ShouldBeProblemAsync(400, "reason");
        await (await reporter.PostAsync($"/api/v1/reviews/{abusive.Id()}/reports", new { reason = "<b>kasar</b>" })).ShouldBeProblemAsync(400, "reason");
        await (await reporter.PostAsync($"/api/v1/reviews/{abusive.Id()}/reports", new { reason = "Bahasa kasar" })).ShouldHaveStatusAsync(201);
        await (await reporter.PostAsync($"/api/v1/reviews/{abusive.Id()}/reports", new { reason = "Lagi" })).ShouldBeProblemAsync(409);
        await (await app.Anonymous().PostAsync($"/api/v1/reviews/{abusive.Id()}/reports", new { reason = "x" })).ShouldHaveStatusAsync(401);

        var admin = await app.AdminAsync();
        var queue = await admin.GetJsonAsync("/api/v1/admin/review-reports?pageSize=100");
        var entry = queue["items"]!.AsArray().Single(i => i!["review"]!.Id() == abusive.Id())!;
        Assert.Equal("Bahasa kasar", entry["reports"]![0]!.S("reason"));

        await (await reporter.PostAsync($"/api/v1/reviews/{abusive.Id()}/hide", new { reason = "Kasar" })).ShouldHaveStatusAsync(403);
        await (await purchase.Merchant.PostAsync($"/api/v1/reviews/{abusive.Id()}/hide", new { reason = "Tidak suka" })).ShouldHaveStatusAsync(403);
        await (await admin.PostAsync($"/api/v1/reviews/{abusive.Id()}/hide", new { })).ShouldBeProblemAsync(400, "reason");
        await (await admin.PostAsync($"/api/v1/reviews/{abusive.Id()}/hide", new { reason = "Melanggar pedoman komunitas" })).ShouldHaveStatusAsync(200);
        await app.DrainOutboxAsync();

        var list = await app.Anonymous().GetJsonAsync($"/api/v1/shops/{purchase.ShopId}/reviews");
        Assert.Equal([kept.Id()], list["items"]!.AsArray().Select(r => r!.Id()));
        var shop = await app.ShopPageAsync(purchase.ShopSlug);
        Assert.Equal(1, shop["rating"]!["count"]!.GetValue<int>());
        Assert.Equal(5.0, shop["rating"]!["average"]!.GetValue<double>());
        var product = await app.Anonymous().GetJsonAsync($"/api/v1/products/{purchase.ProductIds[1]}");
        Assert.Equal(0, product["rating"]!["count"]!.GetValue<int>());
        await (await app.Anonymous().GetAsync($"/api/v1/reviews/{abusive.Id()}")).ShouldBeProblemAsync(404);
        var ownView = await purchase.Shopper.GetJsonAsync($"/api/v1/reviews/{abusive.Id()}");
        Assert.Equal("Melanggar pedoman komunitas", ownView.S("hiddenReason"));
        await (await purchase.Shopper.PatchAsync($"/api/v1/reviews/{abusive.Id()}", new { rating = 2 })).ShouldBeProblemAsync(409, code: "engagement.review.hidden");
        var after = await admin.GetJsonAsync("/api/v1/admin/review-reports?pageSize=100");
        Assert.DoesNotContain(after["items"]!.AsArray(), i => i!["review"]!.Id() == abusive.Id());

        await (await admin.PostAsync($"/api/v1/reviews/{abusive.Id()}/unhide")).ShouldHaveStatusAsync(200);
        await app.DrainOutboxAsync();
        shop = await app.ShopPageAsync(purchase.ShopSlug);
        Assert.Equal(2, shop["rating"]!["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Posting_reviews_is_limited_per_account()
    {
        var purchase = await app.PurchaseAsync(products: EngagementApp.ReviewsPerAccountPerHour + 1);
        for (var i = 0; i < EngagementApp.ReviewsPerAccountPerHour; i++)
        {
            await purchase.Shopper.ReviewOkAsync(purchase.LineIds[i], 4);
        }

        var refused = await purchase.Shopper.ReviewAsync(purchase.LineIds[^1], 4);
        await refused.ShouldBeProblemAsync(429, code: "engagement.review.rate_limited");
        Assert.NotNull(refused.Headers.RetryAfter);
        await (await purchase.Shopper.GetAsync($"/api/v1/reviews/{Guid.NewGuid()}")).ShouldBeProblemAsync(404);
    }
}
