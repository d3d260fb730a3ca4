using Marketplace.Testing.Servers;

namespace Marketplace.Media.Tests;

/// <summary>
/// Two API instances on one PostgreSQL database and one S3 bucket (s3rver): an image uploaded through one is
/// processed once and served by both, and the product page of either shows it.
/// </summary>
public sealed class TwoInstancesTests : IAsyncLifetime
{
    private S3rverServer _s3 = null!;
    private MediaApp _first = null!;
    private MediaApp _second = null!;

    public async Task InitializeAsync()
    {
        _s3 = await S3rverServer.StartNewAsync();
        var bucket = "shared-" + Guid.NewGuid().ToString("N")[..12];
        _first = new MediaAppOnPostgres();
        foreach (var (key, value) in _s3.Settings(bucket))
        {
            _first.Settings[key] = value;
        }

        await _first.InitializeAsync();
        _second = new MediaAppOnPostgres { PostgresConnectionString = _first.PostgresConnectionString };
        foreach (var (key, value) in _s3.Settings(bucket))
        {
            _second.Settings[key] = value;
        }

        await _second.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _second.DisposeAndDeleteStoreAsync();
        await _first.DisposeAndDeleteStoreAsync();
        await _s3.DisposeAsync();
    }

    [Fact]
    public async Task An_image_uploaded_through_one_instance_is_served_by_the_other()
    {
        var setup = await _first.MerchantWithProductAsync();
        var created = await setup.Merchant.UploadAsync($"/api/v1/products/{setup.ProductId}/images", TestImages.PhoneJpeg(seed: 300));
        await created.ShouldHaveStatusAsync(201);
        var imageId = (await created.JsonAsync()).Id();
        await (await setup.Merchant.PostAsync($"/api/v1/products/{setup.ProductId}/publish")).ShouldHaveStatusAsync(200);

        // Either instance may process it (the lease keeps them from doing it twice); the other sees the result.
        var onSecond = _second.Anonymous();
        var ready = await onSecond.WaitUntilReadyAsync(imageId);
        foreach (var variant in new[] { "thumbnail", "card", "full" })
        {
            var url = ready[variant]!.GetValue<string>();
            var fromSecond = await onSecond.Http.GetByteArrayAsync(url + ".webp");
            var fromFirst = await _first.Anonymous().Http.GetByteArrayAsync(url + ".webp");
            Assert.Equal(fromFirst, fromSecond);
        }

        await _first.DrainOutboxAsync();
        await _second.DrainOutboxAsync();
        var page = await MediaLifecycleTestsBase.EventuallyAsync(onSecond, $"/api/v1/products/{setup.ProductId}",
            p => p["images"]!.AsArray().Count == 1 && p["images"]![0]!["status"]!.GetValue<string>() == "ready");
        Assert.Equal(ready["full"]!.GetValue<string>(), page["images"]![0]!["full"]!.GetValue<string>());
    }
}
