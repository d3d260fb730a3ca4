using Marketplace.Media.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Media.Tests;

[Collection(LocalCollection.Name)]
public sealed class BadUploadTests(MediaApp app) : BadUploadTestsBase(app);

[Collection(S3Collection.Name)]
public sealed class BadUploadTestsOnS3(MediaAppOnS3 app) : BadUploadTestsBase(app);

/// <summary>Every bad upload is a 4xx ProblemDetails naming the field, and nothing is stored.</summary>
public abstract class BadUploadTestsBase(MediaApp app)
{
    public static TheoryData<string, int, string> BadFiles => new()
    {
        { "html", 415, "media.not_an_image" },
        { "svg", 415, "media.not_an_image" },
        { "pdf", 415, "media.not_an_image" },
        { "polyglot", 422, "media.corrupt_image" },
        { "truncated-jpeg", 422, "media.corrupt_image" },
        { "truncated-png", 422, "media.corrupt_image" },
        { "bomb", 422, "media.image_too_large" },
        { "animated-png", 422, "media.animated_image" },
        { "truncated-webp", 422, "media.corrupt_image" },
        { "animated-webp", 422, "media.animated_image" },
        { "png-broken-pixels", 422, "media.corrupt_image" },
        { "png-bad-crc", 422, "media.corrupt_image" },
        { "empty", 400, "media.file_missing" },
    };

    private static byte[] File(string kind) => kind switch
    {
        "html" => TestImages.Html,
        "svg" => TestImages.SvgWithScript,
        "pdf" => TestImages.Pdf,
        "polyglot" => TestImages.PolyglotJpegHtml(),
        "truncated-jpeg" => TestImages.TruncatedJpeg(),
        "truncated-png" => TestImages.TruncatedPng(),
        "bomb" => TestImages.PngBomb(),
        "animated-png" => TestImages.AnimatedPng(),
        "truncated-webp" => TestImages.TruncatedWebp(),
        "animated-webp" => TestImages.AnimatedWebp(),
        "png-broken-pixels" => TestImages.PngWithBrokenPixels(),
        "png-bad-crc" => TestImages.PngWithBadCrc(),
        _ => [],
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_file_that_is_not_a_good_image_is_refused_whatever_its_name_and_type(string kind, int status, string code)
    {
        var setup = await app.MerchantWithProductAsync();
        var bytes = File(kind);
        var multipart = await setup.Merchant.UploadAsync($"/api/v1/products/{setup.ProductId}/images", bytes, "foto-produk.jpg", "image/jpeg");
        await multipart.ShouldBeProblemAsync(status, "file", code);
        if (bytes.Length > 0)
        {
            var put = await setup.Merchant.PutBytesAsync($"/api/v1/products/{setup.ProductId}/images", bytes, "image/png");
            await put.ShouldBeProblemAsync(status, "file", code);
        }

        await AssertNothingStoredAsync(setup, bytes);
    }

    [Fact]
    public async Task A_file_over_10_MB_is_413_in_both_forms()
    {
        var setup = await app.MerchantWithProductAsync();
        var big = TestImages.Oversized(10 * 1024 * 1024 + 1);
        await (await setup.Merchant.UploadAsync($"/api/v1/products/{setup.ProductId}/images", big)).ShouldBeProblemAsync(413);
        await (await setup.Merchant.PutBytesAsync($"/api/v1/products/{setup.ProductId}/images", big)).ShouldBeProblemAsync(413);
        await AssertNothingStoredAsync(setup);
    }

    [Fact]
    public async Task A_ninth_product_photo_is_refused()
    {
        var setup = await app.MerchantWithProductAsync();
        for (var i = 0; i < 8; i++)
        {
            await (await setup.Merchant.UploadAsync($"/api/v1/products/{setup.ProductId}/images", TestImages.Png(40, 30, seed: 100 + i), "p.png", "image/png"))
                .ShouldHaveStatusAsync(201);
        }

        var ninth = await setup.Merchant.UploadAsync($"/api/v1/products/{setup.ProductId}/images", TestImages.Png(40, 30, seed: 120), "p.png", "image/png");
        await ninth.ShouldBeProblemAsync(409, "file", "media.too_many_images");
        Assert.Equal(8, (await setup.Merchant.GetJsonAsync($"/api/v1/products/{setup.ProductId}/images")).AsArray().Count);
    }

    [Fact]
    public async Task Another_merchants_product_shop_and_images_are_out_of_reach()
    {
        var owner = await app.MerchantWithProductAsync();
        var image = await (await owner.Merchant.UploadAsync($"/api/v1/products/{owner.ProductId}/images", TestImages.Png(seed: 130), "p.png", "image/png")).JsonAsync();
        var other = await app.SignUpAsync("merchant");
        var shopper = await app.SignUpAsync("shopper");

        await (await other.UploadAsync($"/api/v1/products/{owner.ProductId}/images", TestImages.Png(seed: 131))).ShouldBeProblemAsync(403, code: "media.not_owner");
        await (await other.UploadAsync($"/api/v1/shops/{owner.ShopId}/logo", TestImages.Png(seed: 132))).ShouldBeProblemAsync(403, code: "media.not_owner");
        await (await other.DeleteAsync($"/api/v1/media/images/{image.Id()}")).ShouldBeProblemAsync(403);
        await (await other.PostAsync($"/api/v1/media/images/{image.Id()}/cover")).ShouldBeProblemAsync(403);
        await (await other.PatchAsync($"/api/v1/media/images/{image.Id()}", new { alt = "dirusak" })).ShouldBeProblemAsync(403);
        await (await other.PutAsync($"/api/v1/products/{owner.ProductId}/images/order", new { imageIds = new[] { image.Id() } })).ShouldBeProblemAsync(403);
        await (await shopper.UploadAsync($"/api/v1/products/{owner.ProductId}/images", TestImages.Png(seed: 133))).ShouldHaveStatusAsync(403);
        await (await app.Anonymous().UploadAsync($"/api/v1/products/{owner.ProductId}/images", TestImages.Png(seed: 134))).ShouldHaveStatusAsync(401);
        await (await other.UploadAsync($"/api/v1/products/{Guid.NewGuid()}/images", TestImages.Png(seed: 135))).ShouldBeProblemAsync(404);
        Assert.Single((await owner.Merchant.GetJsonAsync($"/api/v1/products/{owner.ProductId}/images")).AsArray());
    }

    [Theory]
    [InlineData("../../etc/passwd.jpg")]
    [InlineData("..\\..\\windows\\foto.jpg")]
    [InlineData("/var/www/foto.jpg")]
    public async Task A_file_name_with_path_traversal_is_refused(string name)
    {
        var setup = await app.MerchantWithProductAsync();
        await (await setup.Merchant.UploadAsync($"/api/v1/products/{setup.ProductId}/images", TestImages.Png(seed: 140), name, "image/png"))
            .ShouldBeProblemAsync(400, "filename", "media.unsafe_filename");
        await AssertNothingStoredAsync(setup);
    }

    [Fact]
    public async Task Alt_texts_in_both_languages_are_required_and_plain()
    {
        var setup = await app.MerchantWithProductAsync();
        var route = $"/api/v1/products/{setup.ProductId}/images";
        await (await setup.Merchant.UploadAsync(route, TestImages.Png(seed: 150), alt: null)).ShouldBeProblemAsync(400, "alt");
        await (await setup.Merchant.UploadAsync(route, TestImages.Png(seed: 150), altEn: "  ")).ShouldBeProblemAsync(400, "altEn");
        await (await setup.Merchant.UploadAsync(route, TestImages.Png(seed: 150), alt: new string('a', 251))).ShouldBeProblemAsync(400, "alt");
        await AssertNothingStoredAsync(setup);

        // Markup is kept as text (pages escape it), unicode is fine.
        var ok = await setup.Merchant.UploadAsync(route, TestImages.Png(seed: 151), "p.png", "image/png", alt: "<script>alert(1)</script> Pempek 🐟", altEn: "Fish cake");
        await ok.ShouldHaveStatusAsync(201);
        Assert.Equal("<script>alert(1)</script> Pempek 🐟", (await ok.JsonAsync())["alt"]!.GetValue<string>());
        var patched = await setup.Merchant.PatchAsync($"/api/v1/media/images/{(await ok.JsonAsync()).Id()}", new { altEn = "" });
        await patched.ShouldBeProblemAsync(400, "altEn");
    }

    private async Task AssertNothingStoredAsync(MerchantSetup setup, byte[]? bytes = null)
    {
        if (bytes is not null)
        {
            var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
            var store = app.Services.GetRequiredService<Storage.IMediaStore>();
            Assert.Null(await store.GetAsync(Storage.MediaKeys.Incoming(hash), CancellationToken.None));
            await using var check = app.Services.CreateAsyncScope();
            Assert.False(await check.ServiceProvider.GetRequiredService<MediaDbContext>().Blobs.AnyAsync(b => b.Hash == hash));
        }

        Assert.Empty((await setup.Merchant.GetJsonAsync($"/api/v1/products/{setup.ProductId}/images")).AsArray());
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MediaDbContext>();
        Assert.False(await db.Images.AnyAsync(i => i.OwnerId == setup.ProductId));
    }
}
