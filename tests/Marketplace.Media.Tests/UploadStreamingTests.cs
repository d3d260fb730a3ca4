using System.Net;
using System.Net.Http.Headers;
using Marketplace.Media.Storage;
using Marketplace.Media.Uploads;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Media.Tests;

[Collection(LocalCollection.Name)]
public sealed class UploadStreamingTests(MediaApp app) : UploadStreamingTestsBase(app);

[Collection(S3Collection.Name)]
public sealed class UploadStreamingTestsOnS3(MediaAppOnS3 app) : UploadStreamingTestsBase(app);

/// <summary>
/// Upload bodies go to a staging file, never whole into memory: the file is gone after every outcome, the size limit is
/// exact, and the store takes the staged file as it is (renamed on the local disk, streamed to S3).
/// </summary>
public abstract class UploadStreamingTestsBase(MediaApp app)
{
    private const int MaxUploadBytes = 10 * 1024 * 1024;

    private string StagingFolder => app.Services.GetRequiredService<UploadStaging>().Folder;

    [Fact]
    public async Task No_staged_file_is_left_after_a_success_a_413_a_corrupt_image_or_a_refusal()
    {
        var setup = await app.MerchantWithProductAsync();
        var route = $"/api/v1/products/{setup.ProductId}/images";

        await (await setup.Merchant.UploadAsync(route, TestImages.PhoneJpeg(seed: 41))).ShouldHaveStatusAsync(201);
        AssertNothingStaged("a multipart upload that succeeded");
        await (await setup.Merchant.PutBytesAsync(route, TestImages.PhoneJpeg(seed: 42))).ShouldHaveStatusAsync(201);
        AssertNothingStaged("a PUT that succeeded");

        var big = TestImages.Oversized(MaxUploadBytes + 1);
        await (await setup.Merchant.UploadAsync(route, big)).ShouldBeProblemAsync(413);
        AssertNothingStaged("a multipart upload over the limit");
        var chunked = new StreamContent(new MemoryStream(big)); // no Content-Length: refused while streaming, not from the header
        chunked.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        await (await setup.Merchant.Http.PutAsync(route + "?alt=Foto&altEn=Photo", chunked)).ShouldBeProblemAsync(413);
        AssertNothingStaged("a streamed PUT over the limit");

        await (await setup.Merchant.UploadAsync(route, TestImages.TruncatedJpeg())).ShouldBeProblemAsync(422, "file", "media.corrupt_image");
        AssertNothingStaged("a truncated JPEG");
        await (await setup.Merchant.PutBytesAsync(route, TestImages.PolyglotJpegHtml())).ShouldBeProblemAsync(422, "file", "media.corrupt_image");
        AssertNothingStaged("a JPEG+HTML polyglot");
        await (await setup.Merchant.UploadAsync(route, TestImages.PhoneJpeg(seed: 43), alt: null)).ShouldBeProblemAsync(400, "alt");
        AssertNothingStaged("an upload without alt text");

        var stranger = await app.SignUpAsync("merchant");
        await (await stranger.UploadAsync(route, TestImages.PhoneJpeg(seed: 44))).ShouldBeProblemAsync(403);
        AssertNothingStaged("an upload to someone else's product");
    }

    [Fact]
    public async Task An_upload_of_exactly_the_size_limit_is_accepted_in_both_forms_and_processed()
    {
        var setup = await app.MerchantWithProductAsync();
        var route = $"/api/v1/products/{setup.ProductId}/images";

        var multipart = await setup.Merchant.UploadAsync(route, PaddedJpeg(seed: 51, MaxUploadBytes));
        await multipart.ShouldHaveStatusAsync(201);
        var put = await setup.Merchant.PutBytesAsync(route, PaddedJpeg(seed: 52, MaxUploadBytes));
        await put.ShouldHaveStatusAsync(201);

        foreach (var image in new[] { await multipart.JsonAsync(), await put.JsonAsync() })
        {
            var ready = await setup.Merchant.WaitUntilReadyAsync(image.Id());
            Assert.Equal(300, ready["width"]!.GetValue<int>()); // 400 × 300 stored, EXIF says: turn it upright
        }

        AssertNothingStaged("two uploads of exactly the limit");
    }

    [Fact]
    public async Task A_client_that_gives_up_in_the_middle_of_an_upload_leaves_no_staged_file()
    {
        var setup = await app.MerchantWithProductAsync();
        using var giveUp = new CancellationTokenSource();
        var body = new GivingUpContent(PaddedJpeg(seed: 61, 2 * 1024 * 1024), StagingFolder, giveUp);
        body.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");

        // Straight to the test server: the factory's default client buffers request bodies (to replay them on redirects).
        using var direct = new HttpClient(app.Server.CreateHandler()) { BaseAddress = app.Server.BaseAddress };
        direct.DefaultRequestHeaders.Authorization = setup.Merchant.Http.DefaultRequestHeaders.Authorization;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            direct.PutAsync($"/api/v1/products/{setup.ProductId}/images?alt=Foto&altEn=Photo", body, giveUp.Token));

        Assert.True(body.SawStagedFile, "The upload never reached the staging folder, so the test proves nothing.");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (Directory.EnumerateFiles(StagingFolder).Any())
        {
            Assert.True(DateTime.UtcNow < deadline, "The staged file of the abandoned upload was still there after 30 s.");
            await Task.Delay(50);
        }

        Assert.Empty((await setup.Merchant.GetJsonAsync($"/api/v1/products/{setup.ProductId}/images")).AsArray());
    }

    [Fact]
    public async Task The_store_takes_a_file_without_it_being_read_into_memory_first()
    {
        var store = app.Services.GetRequiredService<IMediaStore>();
        var bytes = PaddedJpeg(seed: 71, 3 * 1024 * 1024 + 17);
        var path = Path.Combine(app.DataDirectory, Guid.NewGuid().ToString("N") + ".upload");
        await File.WriteAllBytesAsync(path, bytes);
        var key = MediaKeys.Incoming(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));
        try
        {
            await store.PutFileAsync(key, path, "application/octet-stream", CancellationToken.None);

            var stored = await store.GetAsync(key, CancellationToken.None);
            Assert.NotNull(stored);
            Assert.Equal(bytes, await stored.ReadAllAsync(CancellationToken.None));
            if (app.StoreName == "local")
            {
                Assert.False(File.Exists(path), "The local store renames the staged file into place instead of copying it.");
            }
        }
        finally
        {
            await store.DeleteAsync(key, CancellationToken.None);
            File.Delete(path);
        }

        Assert.Null(await store.GetAsync(key, CancellationToken.None));
    }

    private void AssertNothingStaged(string after)
    {
        var left = Directory.EnumerateFiles(StagingFolder).ToList();
        Assert.True(left.Count == 0, $"After {after} the staging folder still holds {string.Join(", ", left.Select(Path.GetFileName))}.");
    }

    /// <summary>A valid JPEG (400 × 300) followed by zero bytes up to <paramref name="length"/>, as some cameras pad their files.</summary>
    private static byte[] PaddedJpeg(int seed, int length)
    {
        var jpeg = TestImages.PhoneJpeg(seed: seed);
        var padded = new byte[length];
        jpeg.CopyTo(padded, 0);
        return padded;
    }

    /// <summary>Sends the first half of the body, waits until the server has staged it, then gives up (the request is aborted).</summary>
    private sealed class GivingUpContent(byte[] bytes, string stagingFolder, CancellationTokenSource giveUp) : HttpContent
    {
        public bool SawStagedFile { get; private set; }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(bytes.AsMemory(0, bytes.Length / 2));
            await stream.FlushAsync();
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (!Directory.EnumerateFiles(stagingFolder).Any() && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }

            SawStagedFile = Directory.EnumerateFiles(stagingFolder).Any();
            await giveUp.CancelAsync();
            await Task.Delay(Timeout.Infinite, giveUp.Token);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = bytes.Length;
            return true;
        }
    }
}
