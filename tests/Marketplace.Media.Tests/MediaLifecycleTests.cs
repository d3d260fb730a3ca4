using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Marketplace.Media.Cleanup;
using Marketplace.Media.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;

namespace Marketplace.Media.Tests;

[Collection(LocalCollection.Name)]
public sealed class MediaLifecycleTests(MediaApp app) : MediaLifecycleTestsBase(app);

[Collection(PostgresCollection.Name)]
public sealed class MediaLifecycleTestsOnPostgres(MediaAppOnPostgres app) : MediaLifecycleTestsBase(app);

[Collection(S3Collection.Name)]
public sealed class MediaLifecycleTestsOnS3(MediaAppOnS3 app) : MediaLifecycleTestsBase(app);

/// <summary>Upload → variants → serving → delete, on each store and each database.</summary>
public abstract class MediaLifecycleTestsBase(MediaApp app)
{
    private static readonly string[] Variants = ["thumbnail", "card", "full"];

    [Fact]
    public async Task An_uploaded_photo_gets_upright_variants_without_metadata_served_with_etags_and_ranges()
    {
        var setup = await app.MerchantWithProductAsync();
        var upload = await setup.Merchant.UploadAsync($"/api/v1/products/{setup.ProductId}/images", TestImages.PhoneJpeg(800, 600));
        await upload.ShouldHaveStatusAsync(201);
        var created = await upload.JsonAsync();
        Assert.Equal("processing", created["status"]!.GetValue<string>());
        Assert.Null(created["full"]?.GetValue<string>());
        Assert.True(created["cover"]!.GetValue<bool>());

        var ready = await setup.Merchant.WaitUntilReadyAsync(created.Id());
        // EXIF orientation 6: the 800×600 pixels are shown upright, 600 wide and 800 high.
        Assert.Equal(600, ready["width"]!.GetValue<int>());
        Assert.Equal(800, ready["height"]!.GetValue<int>());
        Assert.Equal("Keripik tempe di piring", ready["alt"]!.GetValue<string>());
        Assert.Equal("Tempe chips on a plate", ready["altEn"]!.GetValue<string>());

        var anonymous = app.Anonymous();
        foreach (var variant in Variants)
        {
            var url = ready[variant]!.GetValue<string>();
            foreach (var (accept, type) in new[] { ("image/webp,image/*", "image/webp"), ("image/jpeg", "image/jpeg") })
            {
                var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.Accept.ParseAdd(accept);
                var response = await anonymous.Http.SendAsync(request);
                await response.ShouldHaveStatusAsync(200);
                Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
                Assert.Contains("immutable", response.Headers.CacheControl!.ToString());
                Assert.Equal(31536000, (int)response.Headers.CacheControl!.MaxAge!.Value.TotalSeconds);
                Assert.Contains("Accept", response.Headers.Vary);
                var bytes = await response.Content.ReadAsByteArrayAsync();
                AssertNoMetadata(bytes, $"{variant} as {type}");

                var again = new HttpRequestMessage(HttpMethod.Get, url);
                again.Headers.Accept.ParseAdd(accept);
                again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
                Assert.Equal(HttpStatusCode.NotModified, (await anonymous.Http.SendAsync(again)).StatusCode);
            }
        }

        var thumbnail = Image.Identify(await anonymous.Http.GetByteArrayAsync(ready["thumbnail"]!.GetValue<string>() + ".jpg"));
        Assert.Equal(thumbnail.Width, thumbnail.Height);

        var range = new HttpRequestMessage(HttpMethod.Get, ready["full"]!.GetValue<string>() + ".jpg");
        range.Headers.Range = new RangeHeaderValue(0, 9);
        var partial = await anonymous.Http.SendAsync(range);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(new byte[] { 0xFF, 0xD8 }, (await partial.Content.ReadAsByteArrayAsync())[..2]);
        Assert.Equal(10, partial.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task The_product_page_shows_the_images_beside_imageUrls_and_its_etag_changes_with_them()
    {
        var setup = await app.MerchantWithProductAsync();
        var before = await setup.Merchant.GetAsync($"/api/v1/products/{setup.ProductId}");
        var etagBefore = before.Headers.ETag!;
        var page = await before.JsonAsync();
        Assert.Empty(page["images"]!.AsArray());
        Assert.NotNull(page["imageUrls"]);

        var png = await setup.Merchant.UploadAsync($"/api/v1/products/{setup.ProductId}/images", TestImages.Png(seed: 3), "produk.png", "image/png");
        await png.ShouldHaveStatusAsync(201);
        var webp = await setup.Merchant.PutBytesAsync($"/api/v1/products/{setup.ProductId}/images", TestImages.Webp(seed: 4), "application/octet-stream");
        await webp.ShouldHaveStatusAsync(201);
        await setup.Merchant.WaitUntilReadyAsync((await png.JsonAsync()).Id());
        await setup.Merchant.WaitUntilReadyAsync((await webp.JsonAsync()).Id());

        var images = await EventuallyAsync(setup.Merchant, $"/api/v1/products/{setup.ProductId}",
            p => p["images"]!.AsArray().Count == 2 && p["images"]!.AsArray().All(i => i!["status"]!.GetValue<string>() == "ready"));
        var (first, second) = (images["images"]![0]!, images["images"]![1]!);
        Assert.True(first["cover"]!.GetValue<bool>());
        Assert.False(second["cover"]!.GetValue<bool>());
        Assert.StartsWith("/media/", first["card"]!.GetValue<string>());

        var conditional = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/products/{setup.ProductId}");
        conditional.Headers.IfNoneMatch.Add(etagBefore);
        await (await setup.Merchant.Http.SendAsync(conditional)).ShouldHaveStatusAsync(200);

        // Reorder and choose the cover: the page follows.
        var reordered = await setup.Merchant.PutAsync($"/api/v1/products/{setup.ProductId}/images/order", new { imageIds = new[] { second.Id(), first.Id() } });
        await reordered.ShouldHaveStatusAsync(200);
        await (await setup.Merchant.PostAsync($"/api/v1/media/images/{second.Id()}/cover")).ShouldHaveStatusAsync(200);
        var after = await EventuallyAsync(setup.Merchant, $"/api/v1/products/{setup.ProductId}",
            p => p["images"]![0]!.Id() == second.Id() && p["images"]![0]!["cover"]!.GetValue<bool>());
        Assert.False(after["images"]![1]!["cover"]!.GetValue<bool>());

        // Deleting the cover makes the next photo the cover.
        await (await setup.Merchant.DeleteAsync($"/api/v1/media/images/{second.Id()}")).ShouldHaveStatusAsync(204);
        var last = await EventuallyAsync(setup.Merchant, $"/api/v1/products/{setup.ProductId}", p => p["images"]!.AsArray().Count == 1);
        Assert.True(last["images"]![0]!["cover"]!.GetValue<bool>());
        Assert.Equal(0, last["images"]![0]!["position"]!.GetValue<int>());

        // Deleting the last one: no images, and a tag unlike any before (the owner's revision outlives its images).
        var withOne = (await setup.Merchant.GetAsync($"/api/v1/products/{setup.ProductId}")).Headers.ETag!;
        await (await setup.Merchant.DeleteAsync($"/api/v1/media/images/{last["images"]![0]!.Id()}")).ShouldHaveStatusAsync(204);
        await EventuallyAsync(setup.Merchant, $"/api/v1/products/{setup.ProductId}", p => p["images"]!.AsArray().Count == 0);
        var withNone = (await setup.Merchant.GetAsync($"/api/v1/products/{setup.ProductId}")).Headers.ETag!;
        Assert.NotEqual(etagBefore, withNone);
        Assert.NotEqual(withOne, withNone);
    }

    [Fact]
    public async Task The_cover_photo_is_the_picture_of_the_product_in_search_results_and_in_the_cart()
    {
        var setup = await app.MerchantWithProductAsync();
        await (await setup.Merchant.PostAsync($"/api/v1/products/{setup.ProductId}/publish")).ShouldHaveStatusAsync(200);
        var upload = await setup.Merchant.UploadAsync($"/api/v1/products/{setup.ProductId}/images", TestImages.Png(seed: 11), "sampul.png", "image/png");
        await upload.ShouldHaveStatusAsync(201);
        var card = (await setup.Merchant.WaitUntilReadyAsync((await upload.JsonAsync()).Id()))["card"]!.GetValue<string>();
        var name = (await setup.Merchant.GetJsonAsync($"/api/v1/products/{setup.ProductId}"))["name"]!.GetValue<string>();

        // The index learns of the processed photo from the Media module's event, not from a change to the product.
        var results = await EventuallyAsync(setup.Merchant, "/api/v1/search/products?q=" + Uri.EscapeDataString(name),
            r => r["items"]!.AsArray().Any(h => h!["productId"]!.GetValue<string>() == setup.ProductId.ToString() && h["imageUrl"]?.GetValue<string>() == card));
        Assert.NotNull(results);

        var shopper = app.Anonymous();
        var cart = await (await shopper.PostAsync("/api/v1/cart/items", new { productId = setup.ProductId, quantity = 1 })).JsonAsync();
        Assert.Equal(card, cart["shops"]![0]!["lines"]![0]!["imageUrl"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_same_photo_uploaded_twice_is_stored_once_and_a_shop_gets_its_logo_and_banner()
    {
        var setup = await app.MerchantWithProductAsync();
        var photo = TestImages.PhoneJpeg(seed: 11);
        var one = await (await setup.Merchant.UploadAsync($"/api/v1/products/{setup.ProductId}/images", photo)).JsonAsync();
        var logo = await setup.Merchant.UploadAsync($"/api/v1/shops/{setup.ShopId}/logo", photo);
        await logo.ShouldHaveStatusAsync(201);
        var banner = await setup.Merchant.UploadAsync($"/api/v1/shops/{setup.ShopId}/banner", TestImages.Png(600, 200, seed: 12), "banner.png", "image/png");
        await banner.ShouldHaveStatusAsync(201);
        var readyOne = await setup.Merchant.WaitUntilReadyAsync(one.Id());
        var readyLogo = await setup.Merchant.WaitUntilReadyAsync((await logo.JsonAsync()).Id());
        await setup.Merchant.WaitUntilReadyAsync((await banner.JsonAsync()).Id());
        Assert.Equal(readyOne["full"]!.GetValue<string>(), readyLogo["full"]!.GetValue<string>());

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MediaDbContext>();
            var hash = readyOne["full"]!.GetValue<string>().Split('/')[2];
            Assert.Equal(1, await db.Blobs.CountAsync(b => b.Hash == hash));
        }

        var shop = await EventuallyAsync(setup.Merchant, $"/api/v1/shops/by-slug/{setup.ShopSlug}",
            s => s["logo"] is JsonObject l && l["status"]!.GetValue<string>() == "ready" && s["banner"] is JsonObject b && b["status"]!.GetValue<string>() == "ready");
        Assert.Equal(readyLogo.Id(), shop["logo"]!.Id());

        // A new logo replaces the old one.
        var second = await setup.Merchant.UploadAsync($"/api/v1/shops/{setup.ShopId}/logo", TestImages.Png(seed: 13), "logo.png", "image/png");
        await second.ShouldHaveStatusAsync(201);
        var logos = await setup.Merchant.GetJsonAsync($"/api/v1/shops/{setup.ShopId}/logo");
        Assert.Equal((await second.JsonAsync()).Id(), Assert.Single(logos.AsArray())!.Id());
    }

    [Fact]
    public async Task A_deleted_product_takes_its_images_and_the_files_go_after_the_grace_period()
    {
        var setup = await app.MerchantWithProductAsync();
        var upload = await (await setup.Merchant.UploadAsync($"/api/v1/products/{setup.ProductId}/images", TestImages.PhoneJpeg(seed: 21))).JsonAsync();
        var ready = await setup.Merchant.WaitUntilReadyAsync(upload.Id());
        var url = ready["card"]!.GetValue<string>();

        await (await setup.Merchant.DeleteAsync($"/api/v1/products/{setup.ProductId}")).ShouldHaveStatusAsync(204);
        await app.DrainOutboxAsync();
        await setup.Merchant.GetJsonAsync($"/api/v1/media/images/{upload.Id()}", 404);

        var sweeper = app.Services.GetRequiredService<OrphanSweeper>();
        var now = DateTimeOffset.UtcNow;
        await sweeper.SweepAsync(now, CancellationToken.None);
        await (await app.Anonymous().GetAsync(url)).ShouldHaveStatusAsync(200); // still within the grace period

        await sweeper.SweepAsync(now.AddDays(2), CancellationToken.None);
        await (await app.Anonymous().GetAsync(url)).ShouldHaveStatusAsync(404);
        await (await app.Anonymous().GetAsync(url + ".jpg")).ShouldHaveStatusAsync(404);
    }

    /// <summary>Pages are cached and evicted by Media's events; poll the page until it shows what the test expects.</summary>
    internal static async Task<JsonNode> EventuallyAsync(ApiClient client, string url, Func<JsonNode, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var page = await client.GetJsonAsync(url);
            if (done(page))
            {
                return page;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{url} did not reach the expected state: {page}");
            await Task.Delay(50);
        }
    }

    private static void AssertNoMetadata(byte[] bytes, string what)
    {
        var info = Image.Identify(bytes);
        Assert.NotNull(info);
        var exif = info.Metadata.ExifProfile;
        Assert.True(exif is null || exif.Values.Count == 0, $"{what} still carries EXIF: {string.Join(", ", exif?.Values.Select(v => v.Tag.ToString()) ?? [])}");
        Assert.Null(info.Metadata.XmpProfile);
        Assert.Null(info.Metadata.IccProfile);
        Assert.Null(info.Metadata.IptcProfile);
        Assert.Null(exif?.GetValue(ExifTag.GPSLatitude));
    }
}
