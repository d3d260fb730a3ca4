using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Marketplace.Engagement.Tests;

[Collection(AppCollection.Name)]
public sealed class ReviewPhotoTestsOnSqlite(EngagementApp app) : ReviewPhotoTests(app);

[Collection(PostgresAppCollection.Name)]
public sealed class ReviewPhotoTestsOnPostgres(EngagementAppOnPostgres app) : ReviewPhotoTests(app);

/// <summary>A review's photos are uploads through the Media module, owned by the review's author.</summary>
public abstract class ReviewPhotoTests(EngagementApp app)
{
    private static readonly TimeSpan Processing = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task The_authors_uploaded_photo_shows_in_the_list_once_ready_and_sorts_that_review_first()
    {
        var purchase = await app.PurchaseAsync();
        var productId = purchase.ProductIds[0];
        var withPhoto = await purchase.Shopper.ReviewOkAsync(purchase.LineIds[0], 5);
        Assert.Empty(withPhoto["photos"]!.AsArray());
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var other = await app.SignUpAsync("shopper");
        await (await other.PostAsync("/api/v1/cart/items", new { productId, quantity = 1 })).ShouldHaveStatusAsync(200);
        var newer = await other.ReviewOkAsync((await other.CheckoutAsync(purchase.Merchant)).Lines[productId], 4);

        var uploaded = await purchase.Shopper.UploadPhotoAsync(withPhoto.Id(), Picture(seed: 1));
        await uploaded.ShouldHaveStatusAsync(201);
        var image = await uploaded.JsonAsync();

        JsonNode? listed = null;
        await Eventually.HoldsAsync(async () =>
        {
            var items = (await app.Anonymous().GetJsonAsync($"/api/v1/products/{productId}/reviews?sort=photos"))["items"]!.AsArray();
            listed = items[0];
            return items.Count == 2 && items[0]!.Id() == withPhoto.Id() && items[0]!["photos"]!.AsArray().Count == 1;
        }, Processing, "the review with a ready photo comes first under sort=photos");

        var photo = listed!["photos"]![0]!;
        Assert.Equal(image.Id(), photo.Id());
        Assert.Equal("ready", photo.S("status"));
        Assert.Equal("Kemplang di piring", photo.S("alt"));
        var thumbnail = await app.Anonymous().GetAsync(photo.S("thumbnail"));
        await thumbnail.ShouldHaveStatusAsync(200);
        Assert.StartsWith("image/", thumbnail.Content.Headers.ContentType!.MediaType, StringComparison.Ordinal);
        Assert.Equal([newer.Id(), withPhoto.Id()], await OrderAsync(productId, "newest"));

        // Editing the text or rating keeps the photos and the "has photos" flag.
        var edited = await (await purchase.Shopper.PatchAsync($"/api/v1/reviews/{withPhoto.Id()}", new { rating = 4 })).JsonAsync();
        Assert.Single(edited["photos"]!.AsArray());
        Assert.Equal(withPhoto.Id(), (await OrderAsync(productId, "photos"))[0]);
        Assert.Single((await purchase.Shopper.GetJsonAsync("/api/v1/me/reviews"))["items"]![0]!["photos"]!.AsArray());

        // Deleting it takes the review back to its place among those without photos.
        await (await purchase.Shopper.DeleteAsync($"/api/v1/media/images/{image.Id()}")).ShouldHaveStatusAsync(204);
        await Eventually.HoldsAsync(async () => (await OrderAsync(productId, "photos"))[0] == newer.Id(), Processing, "no photos left: newest first");
        Assert.Empty((await app.Anonymous().GetJsonAsync($"/api/v1/reviews/{withPhoto.Id()}"))["photos"]!.AsArray());
    }

    [Fact]
    public async Task Only_the_author_adds_photos_to_a_review_and_at_most_six_images()
    {
        var purchase = await app.PurchaseAsync();
        var review = await purchase.Shopper.ReviewOkAsync(purchase.LineIds[0], 5);
        var id = review.Id();

        var stranger = await app.SignUpAsync("shopper");
        await (await stranger.UploadPhotoAsync(id, Picture(seed: 2))).ShouldBeProblemAsync(403);
        await (await purchase.Merchant.UploadPhotoAsync(id, Picture(seed: 2))).ShouldBeProblemAsync(403);
        await (await app.Anonymous().UploadPhotoAsync(id, Picture(seed: 2))).ShouldHaveStatusAsync(401);
        await (await purchase.Shopper.UploadPhotoAsync(Guid.NewGuid(), Picture(seed: 2))).ShouldBeProblemAsync(404);
        await (await purchase.Shopper.UploadPhotoAsync(id, "<html><script>alert(1)</script></html>"u8.ToArray())).ShouldBeProblemAsync(415);
        await (await purchase.Shopper.UploadPhotoAsync(id, Picture(seed: 2), alt: null)).ShouldBeProblemAsync(400, "alt");

        for (var i = 0; i < 6; i++)
        {
            await (await purchase.Shopper.UploadPhotoAsync(id, Picture(seed: 10 + i))).ShouldHaveStatusAsync(201);
        }

        await (await purchase.Shopper.UploadPhotoAsync(id, Picture(seed: 20))).ShouldBeProblemAsync(409, code: "media.too_many_images");
        var images = (await app.Anonymous().GetJsonAsync($"/api/v1/reviews/{id}/photos")).AsArray();
        Assert.Equal(6, images.Count);
        await (await stranger.DeleteAsync($"/api/v1/media/images/{images[0]!.Id()}")).ShouldBeProblemAsync(403);
    }

    [Fact]
    public async Task A_hidden_reviews_photos_are_not_shown_and_no_more_can_be_added()
    {
        var purchase = await app.PurchaseAsync();
        var review = await purchase.Shopper.ReviewOkAsync(purchase.LineIds[0], 1, "Kasar sekali");
        await (await purchase.Shopper.UploadPhotoAsync(review.Id(), Picture(seed: 3))).ShouldHaveStatusAsync(201);
        await Eventually.HoldsAsync(async () =>
            (await app.Anonymous().GetJsonAsync($"/api/v1/reviews/{review.Id()}"))["photos"]!.AsArray().Count == 1, Processing, "the photo is ready");

        var admin = await app.AdminAsync();
        await (await admin.PostAsync($"/api/v1/reviews/{review.Id()}/hide", new { reason = "Kasar" })).ShouldHaveStatusAsync(200);

        Assert.Empty((await app.Anonymous().GetJsonAsync($"/api/v1/products/{purchase.ProductIds[0]}/reviews?sort=photos"))["items"]!.AsArray());
        await (await app.Anonymous().GetAsync($"/api/v1/reviews/{review.Id()}/photos")).ShouldBeProblemAsync(404);
        await (await purchase.Shopper.UploadPhotoAsync(review.Id(), Picture(seed: 4))).ShouldBeProblemAsync(404);
        await (await app.Anonymous().GetAsync($"/api/v1/reviews/{review.Id()}")).ShouldBeProblemAsync(404);
    }

    private async Task<Guid[]> OrderAsync(Guid productId, string sort) =>
        (await app.Anonymous().GetJsonAsync($"/api/v1/products/{productId}/reviews?sort={sort}"))["items"]!.AsArray().Select(r => r!.Id()).ToArray();

    /// <summary>A small distinct PNG (distinct content per seed, so each upload is its own file).</summary>
    private static byte[] Picture(int seed)
    {
        using var image = new Image<Rgb24>(96, 72);
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                image[x, y] = new Rgb24((byte)(x * 2 + seed * 31), (byte)(y * 3 + seed * 17), (byte)((x ^ y) + seed));
            }
        }

        using var stream = new MemoryStream();
        image.SaveAsPng(stream);
        return stream.ToArray();
    }
}

internal static class ReviewPhotoUploads
{
    public static Task<HttpResponseMessage> UploadPhotoAsync(this ApiClient client, Guid reviewId, byte[] bytes, string? alt = "Kemplang di piring")
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(file, "file", "foto.png");
        if (alt is not null)
        {
            form.Add(new StringContent(alt), "alt");
        }

        form.Add(new StringContent("Kemplang on a plate"), "altEn");
        return client.Http.PostAsync($"/api/v1/reviews/{reviewId}/photos", form);
    }
}
