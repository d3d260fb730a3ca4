using System.Diagnostics;
using System.Net.Http.Headers;
using Marketplace.Testing.Servers;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Xunit.Abstractions;

namespace Marketplace.Faults.Tests;

/// <summary>
/// The S3-compatible media store still up but answering 30 s late (a <see cref="DelayingTcpProxy"/> between the app and
/// a real s3rver), with <c>Media:S3:Timeout</c> at 2 s: uploads and image downloads answer 503 <c>media.unavailable</c>
/// with Retry-After long before the delay, nothing half-recorded (no image row for bytes that were never stored), the
/// rest of the site (product pages, search, cart) does not wait for the store, readiness says media is degraded; when
/// the store is fast again uploads work again without a restart.
/// </summary>
[Collection(ProcessFaults.Name)]
public sealed class SlowS3Tests(ITestOutputHelper output)
{
    private static readonly TimeSpan S3Delay = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The longest a request may take while S3 is slow: the 2 s store time-out plus generous room for a loaded 2-core
    /// machine, and still half the delay a request without the time-out would inherit.
    /// </summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task While_s3_answers_30_s_late_uploads_and_downloads_get_503_fast_the_rest_of_the_site_is_unaffected_and_uploads_work_again_when_it_is_fast()
    {
        await using var s3 = await S3rverServer.StartNewAsync();
        await using var proxy = new DelayingTcpProxy(s3.Port);
        var app = new MarketplaceApp();
        foreach (var (key, value) in s3.Settings("slow-" + Guid.NewGuid().ToString("N")[..12]))
        {
            app.Settings[key] = value;
        }

        app.Settings["Media:S3:ServiceUrl"] = "http://" + proxy.Endpoint;
        app.Settings["Media:S3:Timeout"] = "00:00:02";
        app.Settings["Media:S3:RetryAfterSeconds"] = "7";
        await app.InitializeAsync();
        try
        {
            var merchant = await app.SignUpAsync("merchant");
            var productId = (await Faults.ProductsAsync(merchant, count: 1, stock: 10))[0];
            var images = $"/api/v1/products/{productId}/images";
            var first = await UploadAsync(merchant, images, Photo(seed: 1));
            await first.ShouldHaveStatusAsync(201);
            var firstId = Guid.Parse((await first.JsonAsync())["id"]!.GetValue<string>());
            var card = await WaitUntilReadyAsync(merchant, firstId);
            await (await app.Anonymous().GetAsync(card)).ShouldHaveStatusAsync(200);
            Assert.Equal("healthy", (await app.Anonymous().GetJsonAsync("/health/ready"))["checks"]!["media"]!["status"]!.GetValue<string>());
            var shopper = await app.SignUpAsync("shopper");
            await Eventually.HoldsAsync(async () =>
            {
                var found = await app.Anonymous().GetJsonAsync("/api/v1/search/products?q=Pempek%20Tahan%20Banting&pageSize=50");
                return found["items"]!.AsArray().Any(i => i!["productId"]!.GetValue<string>() == productId.ToString());
            }, TimeSpan.FromSeconds(30), "the product is searchable before S3 is made slow");

            proxy.Delay = S3Delay;
            var timings = new List<(string What, TimeSpan Took)>();

            async Task<HttpResponseMessage> Timed(string what, Func<Task<HttpResponseMessage>> call)
            {
                var clock = Stopwatch.StartNew();
                var response = await call();
                timings.Add((what, clock.Elapsed));
                return response;
            }

            // Uploads (multipart and raw PUT) and a variant download: 503 with Retry-After, in time.
            var refused = await (await Timed("upload (multipart)", () => UploadAsync(merchant, images, Photo(seed: 2))))
                .ShouldBeProblemAsync(503, code: "media.unavailable");
            output.WriteLine($"upload while S3 is slow: {refused.ToJsonString()}");
            var put = await Timed("upload (PUT)", () => merchant.Http.PutAsync(images + "?alt=Foto%20produk&altEn=Product%20photo",
                new ByteArrayContent(Photo(seed: 3)) { Headers = { ContentType = new MediaTypeHeaderValue("image/jpeg") } }));
            await put.ShouldBeProblemAsync(503, code: "media.unavailable");
            Assert.Equal(TimeSpan.FromSeconds(7), put.Headers.RetryAfter?.Delta);
            var download = await Timed("variant download", () => app.Anonymous().GetAsync(card));
            await download.ShouldBeProblemAsync(503, code: "media.unavailable");
            Assert.Equal(TimeSpan.FromSeconds(7), download.Headers.RetryAfter?.Delta);

            // Nothing half-recorded: the product still shows exactly the one photo stored before.
            var listed = await merchant.GetJsonAsync(images);
            Assert.Equal([firstId.ToString()], listed.AsArray().Select(i => i!["id"]!.GetValue<string>()));

            // The rest of the site does not touch the store.
            await (await Timed("product read", () => app.Anonymous().GetAsync($"/api/v1/products/{productId}"))).ShouldHaveStatusAsync(200);
            await (await Timed("search", () => app.Anonymous().GetAsync("/api/v1/search/products?q=Pempek%20Tahan%20Banting&pageSize=50")))
                .ShouldHaveStatusAsync(200);
            Assert.True((await Timed("add to cart", () => shopper.PostAsync("/api/v1/cart/items", new { productId, quantity = 1 }))).IsSuccessStatusCode);
            await (await Timed("read cart", () => shopper.GetAsync("/api/v1/cart"))).ShouldHaveStatusAsync(200);

            var ready = await app.Anonymous().GetJsonAsync("/health/ready");
            output.WriteLine($"/health/ready while S3 is slow: {ready.ToJsonString()}");
            Assert.Equal("degraded", ready["checks"]!["media"]!["status"]!.GetValue<string>());

            foreach (var (what, took) in timings)
            {
                output.WriteLine($"while S3 answers {S3Delay.TotalSeconds:0} s late: {what} took {took.TotalMilliseconds:0} ms");
            }

            Assert.All(timings, t => Assert.True(t.Took < Bound, $"{t.What} took {t.Took.TotalMilliseconds:0} ms with S3 slow"));

            // Fast again: uploads are accepted and processed, downloads served, readiness healthy: no restart.
            proxy.Delay = TimeSpan.Zero;
            var recovery = Stopwatch.StartNew();
            HttpResponseMessage? accepted = null;
            await Eventually.HoldsAsync(async () =>
            {
                accepted = await UploadAsync(merchant, images, Photo(seed: 4));
                return (int)accepted.StatusCode == 201;
            }, TimeSpan.FromSeconds(30), "uploads are accepted again once S3 is fast");
            output.WriteLine($"uploads accepted again {recovery.ElapsedMilliseconds} ms after S3 was fast again");
            var secondCard = await WaitUntilReadyAsync(merchant, Guid.Parse((await accepted!.JsonAsync())["id"]!.GetValue<string>()));
            await (await app.Anonymous().GetAsync(secondCard)).ShouldHaveStatusAsync(200);
            await (await app.Anonymous().GetAsync(card)).ShouldHaveStatusAsync(200);
            Assert.Equal(2, (await merchant.GetJsonAsync(images)).AsArray().Count);
            string? media = null;
            await Eventually.HoldsAsync(async () =>
            {
                media = (await app.Anonymous().GetJsonAsync("/health/ready"))["checks"]!["media"]!.ToJsonString();
                return media.Contains("\"healthy\"", StringComparison.Ordinal);
            }, TimeSpan.FromSeconds(30), "readiness says media is healthy again");
            output.WriteLine($"media readiness once S3 is fast: {media}");
        }
        finally
        {
            await app.DisposeAndDeleteStoreAsync();
        }
    }

    private static Task<HttpResponseMessage> UploadAsync(ApiClient client, string route, byte[] jpeg)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(jpeg);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(file, "file", "foto.jpg");
        form.Add(new StringContent("Pempek di piring"), "alt");
        form.Add(new StringContent("Pempek on a plate"), "altEn");
        return client.Http.PostAsync(route, form);
    }

    /// <summary>A small JPEG whose bytes differ per seed: a photo the store has never seen must really be written to it.</summary>
    private static byte[] Photo(int seed)
    {
        using var image = new Image<Rgb24>(320, 240);
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < row.Length; x++)
                {
                    row[x] = new Rgb24((byte)(x + seed * 37), (byte)(y + seed * 11), (byte)(seed * 53));
                }
            }
        });
        using var buffer = new MemoryStream();
        image.SaveAsJpeg(buffer);
        return buffer.ToArray();
    }

    /// <summary>Polls the image until its variants exist; returns the card variant's URL.</summary>
    private static async Task<string> WaitUntilReadyAsync(ApiClient client, Guid imageId)
    {
        string? card = null;
        await Eventually.HoldsAsync(async () =>
        {
            var image = await client.GetJsonAsync($"/api/v1/media/images/{imageId}");
            Assert.NotEqual("failed", image["status"]!.GetValue<string>());
            card = image["card"]?.GetValue<string>();
            return image["status"]!.GetValue<string>() == "ready";
        }, TimeSpan.FromSeconds(60), "the upload's variants are rendered");
        return card!;
    }
}
