using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Marketplace.Catalog.Caching;
using Marketplace.Catalog.Media;
using Marketplace.Catalog.Persistence;
using Marketplace.Media.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Marketplace.Catalog.Tests;

[Collection(AppCollection.Name)]
public sealed class ImageCopyTestsOnSqlite(CatalogApp app) : ImageCopyTests(app);

[Collection(PostgresAppCollection.Name)]
public sealed class ImageCopyTestsOnPostgres(CatalogAppOnPostgres app) : ImageCopyTests(app);

/// <summary>
/// The Catalog's own copy of a product's photos and a shop's logo and banner (a page is one statement), kept from
/// Media's <c>MediaChanged</c> through the real outbox, the real gallery and the real store.
/// </summary>
public abstract class ImageCopyTests(CatalogApp app)
{
    [Fact]
    public async Task A_photo_uploaded_replaced_and_removed_shows_on_the_page_from_the_copy_and_no_one_elses_product_changes()
    {
        var (owner, productId) = await ProductAsync();
        var (stranger, theirs) = await ProductAsync();
        await UploadReadyAsync(stranger, $"/api/v1/products/{theirs}/images", seed: 1);
        await SettledAsync(theirs, images => images.Count == 1);
        var theirCopy = await CopyAsync(theirs);

        var first = await UploadReadyAsync(owner, $"/api/v1/products/{productId}/images", seed: 2);
        var page = await SettledAsync(productId, images => images.Count == 1);
        Assert.Equal(first, page["images"]![0]!.Id());
        Assert.Equal("ready", page["images"]![0]!.Str("status"));
        Assert.StartsWith("/media/", page["images"]![0]!.Str("card"));

        // Replaced: a second photo, then the first one deleted.
        var second = await UploadReadyAsync(owner, $"/api/v1/products/{productId}/images", seed: 3);
        await (await owner.DeleteAsync($"/api/v1/media/images/{first}")).ShouldHaveStatusAsync(204);
        page = await SettledAsync(productId, images => images.Count == 1 && images[0]!.Id() == second);
        Assert.True(page["images"]![0]!["cover"]!.GetValue<bool>());

        // Removed: no photos, and the copy says so at Media's newest revision.
        await (await owner.DeleteAsync($"/api/v1/media/images/{second}")).ShouldHaveStatusAsync(204);
        await SettledAsync(productId, images => images.Count == 0);
        var (images, revision) = await CopyAsync(productId);
        Assert.Empty(images!);
        Assert.Equal((await GalleryAsync(MediaOwnerKind.Product, productId)).Revision, revision);

        var theirsNow = await CopyAsync(theirs);
        Assert.Equal(theirCopy.Revision, theirsNow.Revision);
        Assert.Equal(theirCopy.Images!, theirsNow.Images!);
    }

    [Fact]
    public async Task An_older_or_replayed_event_never_overwrites_a_newer_copy()
    {
        var (owner, productId) = await ProductAsync();
        await UploadReadyAsync(owner, $"/api/v1/products/{productId}/images", seed: 4);
        await SettledAsync(productId, images => images.Count == 1);
        var older = await GalleryAsync(MediaOwnerKind.Product, productId);
        await UploadReadyAsync(owner, $"/api/v1/products/{productId}/images", seed: 5);
        await SettledAsync(productId, images => images.Count == 2);
        var newer = await CopyAsync(productId);
        Assert.True(newer.Revision > older.Revision);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
            var handler = new MediaChangedHandler(scope.ServiceProvider.GetRequiredService<IMediaGallery>(), scope.ServiceProvider.GetRequiredService<CatalogCache>(), db);
            // The older event delivered again, and the newest one twice.
            await handler.HandleAsync(new MediaChanged(MediaOwnerKind.Product, productId, older.Revision), CancellationToken.None);
            await handler.HandleAsync(new MediaChanged(MediaOwnerKind.Product, productId, newer.Revision!.Value), CancellationToken.None);
            await handler.HandleAsync(new MediaChanged(MediaOwnerKind.Product, productId, newer.Revision!.Value), CancellationToken.None);
            // A handler that read the gallery before the last upload and writes after it (two instances racing): it loses.
            Assert.Equal(0, await MediaChangedHandler.WriteAsync(db, MediaOwnerKind.Product, productId, older, CancellationToken.None));
        }

        var now = await CopyAsync(productId);
        Assert.Equal(newer.Revision, now.Revision);
        Assert.Equal(newer.Images!, now.Images!);
        Assert.Equal(2, (await app.Anonymous().GetJsonAsync($"/api/v1/products/{productId}"))["images"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_product_and_a_shop_without_a_copy_show_Medias_images_until_the_backfill_copies_them()
    {
        var (owner, productId) = await ProductAsync();
        var shop = (await owner.GetJsonAsync($"/api/v1/products/{productId}"))["shop"]!;
        var shopId = shop.Id();
        var slug = shop.Str("slug");
        var (stranger, theirs) = await ProductAsync();
        await UploadReadyAsync(owner, $"/api/v1/products/{productId}/images", seed: 6);
        await UploadReadyAsync(owner, $"/api/v1/shops/{shopId}/logo", seed: 7);
        await UploadReadyAsync(stranger, $"/api/v1/products/{theirs}/images", seed: 8);
        var page = await SettledAsync(productId, images => images.Count == 1);
        await SettledAsync(theirs, images => images.Count == 1);
        var shopPage = await EventuallyAsync($"/api/v1/shops/by-slug/{slug}", s => s["logo"] is JsonObject l && l.Str("status") == "ready");
        var productTag = (await app.Anonymous().GetAsync($"/api/v1/products/{productId}")).Headers.ETag;
        var theirCopy = await CopyAsync(theirs);

        // As the rows were before the Catalog kept copies: none at all.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
            await db.Products.Where(p => p.Id == productId)
                .ExecuteUpdateAsync(u => u.SetProperty(p => p.MediaImages, (IReadOnlyList<MediaImageView>?)null).SetProperty(p => p.MediaRevision, (long?)null));
            await db.Shops.Where(s => s.Id == shopId)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.MediaImages, (IReadOnlyList<MediaImageView>?)null).SetProperty(s => s.MediaRevision, (long?)null));
            var cache = scope.ServiceProvider.GetRequiredService<CatalogCache>();
            await cache.ProductImagesChangedAsync(productId, CancellationToken.None);
            await cache.ShopChangedAsync(shopId, slug, null, CancellationToken.None);
        }

        // Meanwhile the pages read Media: the same images and the same tag.
        var read = await app.Anonymous().GetAsync($"/api/v1/products/{productId}");
        Assert.Equal(productTag, read.Headers.ETag);
        Assert.Equal(page["images"]!.ToJsonString(), (await read.JsonAsync())["images"]!.ToJsonString());
        Assert.Equal(shopPage["logo"]!.ToJsonString(), (await app.Anonymous().GetJsonAsync($"/api/v1/shops/by-slug/{slug}"))["logo"]!.ToJsonString());

        var (products, shops) = await app.Services.GetRequiredService<MediaCopyBackfill>().RunAsync(CancellationToken.None);
        Assert.True(products >= 1 && shops >= 1, $"copied {products} products and {shops} shops");

        var copy = await CopyAsync(productId);
        var gallery = await GalleryAsync(MediaOwnerKind.Product, productId);
        Assert.Equal(gallery.Revision, copy.Revision);
        Assert.Equal(gallery.InSlot(MediaSlot.Photo), copy.Images!);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var shopCopy = await scope.ServiceProvider.GetRequiredService<CatalogDbContext>().Shops.AsNoTracking().SingleAsync(s => s.Id == shopId);
            Assert.Equal((await GalleryAsync(MediaOwnerKind.Shop, shopId)).Revision, shopCopy.MediaRevision);
            Assert.Equal(shopPage["logo"]!.Id(), Assert.Single(shopCopy.MediaImages!).Id);
        }

        await app.Services.GetRequiredService<CatalogCache>().ProductImagesChangedAsync(productId, CancellationToken.None);
        var after = await app.Anonymous().GetAsync($"/api/v1/products/{productId}");
        Assert.Equal(productTag, after.Headers.ETag);
        Assert.Equal(page["images"]!.ToJsonString(), (await after.JsonAsync())["images"]!.ToJsonString());
        var theirsNow = await CopyAsync(theirs);
        Assert.Equal(theirCopy.Revision, theirsNow.Revision);
        Assert.Equal(theirCopy.Images!, theirsNow.Images!);
    }

    private async Task<(ApiClient Owner, Guid ProductId)> ProductAsync()
    {
        var owner = await app.SignUpAsync("merchant");
        var shop = await owner.CreateShopAsync();
        return (owner, (await owner.CreatePublishedProductAsync(shop.Id())).Id());
    }

    /// <summary>Uploads a picture and waits until its variants exist.</summary>
    private static async Task<Guid> UploadReadyAsync(ApiClient merchant, string route, int seed)
    {
        using var image = new Image<Rgb24>(160, 120, new Rgb24((byte)(seed * 37), (byte)(255 - seed * 23), 90));
        using var png = new MemoryStream();
        await image.SaveAsPngAsync(png);
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(png.ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(file, "file", "foto.png");
        form.Add(new StringContent("Foto produk"), "alt");
        form.Add(new StringContent("Product photo"), "altEn");
        var upload = await merchant.Http.PostAsync(route, form);
        await upload.ShouldHaveStatusAsync(201);
        var id = (await upload.JsonAsync()).Id();
        await WaitAsync(async () => (await merchant.GetJsonAsync($"/api/v1/media/images/{id}")).Str("status") == "ready", $"image {id} ready");
        return id;
    }

    /// <summary>The product page once Media's events are delivered and its photos satisfy <paramref name="settled"/>.</summary>
    private Task<JsonNode> SettledAsync(Guid productId, Func<JsonArray, bool> settled) =>
        EventuallyAsync($"/api/v1/products/{productId}", p => settled(p["images"]!.AsArray()));

    private async Task<JsonNode> EventuallyAsync(string url, Func<JsonNode, bool> settled)
    {
        JsonNode? page = null;
        await WaitAsync(async () =>
        {
            await app.DrainOutboxAsync();
            page = await app.Anonymous().GetJsonAsync(url);
            return settled(page);
        }, url);
        return page!;
    }

    private static async Task WaitAsync(Func<Task<bool>> done, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Still waiting after 60 s: {what}");
            await Task.Delay(50);
        }
    }

    private async Task<(IReadOnlyList<MediaImageView>? Images, long? Revision)> CopyAsync(Guid productId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var product = await scope.ServiceProvider.GetRequiredService<CatalogDbContext>().Products.AsNoTracking().SingleAsync(p => p.Id == productId);
        return (product.MediaImages, product.MediaRevision);
    }

    private async Task<MediaSet> GalleryAsync(MediaOwnerKind kind, Guid ownerId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<IMediaGallery>().GetAsync(kind, [ownerId], CancellationToken.None))[ownerId];
    }
}
