using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Marketplace.Testing.Servers;

namespace Marketplace.Media.Tests;

/// <summary>The app with the local media store on SQLite.</summary>
public class MediaApp : MarketplaceApp
{
    /// <summary>Which store the app's media use, for test names and assertions.</summary>
    public virtual string StoreName => "local";
}

public sealed class MediaAppOnPostgres : MediaApp
{
    public MediaAppOnPostgres() => Provider = StoreProvider.Postgres;
}

/// <summary>The app with its media in an S3 bucket on a real S3-speaking server (s3rver) that the fixture starts.</summary>
public class MediaAppOnS3 : MediaApp
{
    public S3rverServer? S3 { get; private set; }

    public override string StoreName => "s3";

    public override async Task InitializeAsync()
    {
        S3 = await S3rverServer.StartNewAsync();
        foreach (var (key, value) in S3.Settings("media-" + Guid.NewGuid().ToString("N")[..12]))
        {
            Settings[key] = value;
        }

        await base.InitializeAsync();
    }

    public async Task DisposeS3Async()
    {
        if (S3 is not null)
        {
            await S3.DisposeAsync();
        }
    }
}

public sealed class MediaAppOnPostgresAndS3 : MediaAppOnS3
{
    public MediaAppOnPostgresAndS3() => Provider = StoreProvider.Postgres;
}

[CollectionDefinition(Name)]
public sealed class LocalCollection : ICollectionFixture<MediaApp>
{
    public const string Name = "media-local-sqlite";
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<MediaAppOnPostgres>
{
    public const string Name = "media-local-postgres";
}

[CollectionDefinition(Name)]
public sealed class S3Collection : ICollectionFixture<MediaAppOnS3>
{
    public const string Name = "media-s3-sqlite";
}

/// <summary>A merchant with a shop and a product, arranged through the API.</summary>
public sealed record MerchantSetup(ApiClient Merchant, Guid ShopId, string ShopSlug, Guid ProductId);

public static class MediaApi
{
    public static async Task<MerchantSetup> MerchantWithProductAsync(this MarketplaceApp app)
    {
        var merchant = await app.SignUpAsync("merchant");
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var shop = await merchant.PostAsync("/api/v1/shops", new { name = "Toko Foto " + suffix, cityCode = "35.73", subsectors = new[] { "kuliner" } });
        await shop.ShouldHaveStatusAsync(201);
        var shopJson = await shop.JsonAsync();
        var shopId = Guid.Parse(shopJson["id"]!.GetValue<string>());
        var product = await merchant.PostAsync($"/api/v1/shops/{shopId}/products", new
        {
            name = "Keripik Tempe " + suffix,
            price = new { amount = 2_500_000, currency = "IDR" },
            subsector = "kuliner",
            stock = 10,
        });
        await product.ShouldHaveStatusAsync(201);
        var productId = Guid.Parse((await product.JsonAsync())["id"]!.GetValue<string>());
        return new MerchantSetup(merchant, shopId, shopJson["slug"]!.GetValue<string>(), productId);
    }

    public static Task<HttpResponseMessage> UploadAsync(this ApiClient client, string route, byte[] bytes, string fileName = "foto.jpg",
        string contentType = "image/jpeg", string? alt = "Keripik tempe di piring", string? altEn = "Tempe chips on a plate")
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(file, "file", fileName);
        if (alt is not null)
        {
            form.Add(new StringContent(alt), "alt");
        }

        if (altEn is not null)
        {
            form.Add(new StringContent(altEn), "altEn");
        }

        return client.Http.PostAsync(route, form);
    }

    public static Task<HttpResponseMessage> PutBytesAsync(this ApiClient client, string route, byte[] bytes, string contentType = "image/jpeg") =>
        client.Http.PutAsync(route + "?alt=Foto%20produk&altEn=Product%20photo", new ByteArrayContent(bytes) { Headers = { ContentType = new MediaTypeHeaderValue(contentType) } });

    /// <summary>Polls the image until its variants exist (no sleeping blindly: a deadline, short waits between looks).</summary>
    public static async Task<JsonNode> WaitUntilReadyAsync(this ApiClient client, Guid imageId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var image = await client.GetJsonAsync($"/api/v1/media/images/{imageId}");
            var status = image["status"]!.GetValue<string>();
            if (status == "ready")
            {
                return image;
            }

            Assert.True(status == "processing", $"The image ended {status}: {image}");
            Assert.True(DateTime.UtcNow < deadline, "The image was still processing after 60 s.");
            await Task.Delay(50);
        }
    }

    public static Guid Id(this JsonNode node) => Guid.Parse(node["id"]!.GetValue<string>());
}
