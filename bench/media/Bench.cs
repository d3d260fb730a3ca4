#:package SixLabors.ImageSharp
#:property PublishAot=false
// Media processing against a running API. A .NET file-based app: `dotnet run bench/media/Bench.cs -- <baseUrl> <uploads>`.
// Makes <uploads> distinct 12-megapixel JPEGs (4000×3000, with EXIF orientation and GPS, as a phone writes them), uploads
// them all at once (one per product, multipart), and waits until every one is `ready` (all variants written). Prints one
// JSON line: uploads processed per second, the request-path latency of the uploads (p50/max), and the URL of one variant
// for the GET benchmark.
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;

var baseUrl = args.Length > 0 ? args[0] : "http://127.0.0.1:5098";
var uploads = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 16;
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(5) };

var email = $"bench-media-{Guid.NewGuid():N}@bench.marketplace.id";
(await http.PostAsJsonAsync("/api/v1/auth/register", new { email, password = "Bench-Password-123", displayName = "Bench media", role = "merchant" })).EnsureSuccessStatusCode();
var login = await (await http.PostAsJsonAsync("/api/v1/auth/login", new { email, password = "Bench-Password-123" })).Content.ReadFromJsonAsync<JsonObject>();
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login!["accessToken"]!.GetValue<string>());
var shop = await (await http.PostAsJsonAsync("/api/v1/shops", new { name = "Bench Foto " + Guid.NewGuid().ToString("N")[..6], cityCode = "35.73", subsectors = new[] { "kuliner" } })).Content.ReadFromJsonAsync<JsonObject>();
var shopId = shop!["id"]!.GetValue<string>();

var products = new List<string>();
for (var i = 0; i < uploads; i++)
{
    var product = await (await http.PostAsJsonAsync($"/api/v1/shops/{shopId}/products", new { name = $"Produk bench {i}", price = new { amount = 1_000_000, currency = "IDR" }, subsector = "kuliner", stock = 1 })).Content.ReadFromJsonAsync<JsonObject>();
    products.Add(product!["id"]!.GetValue<string>());
}

Console.Error.WriteLine($"drawing {uploads} photos of 12 megapixels ...");
var photos = Enumerable.Range(0, uploads).AsParallel().Select(Photo).ToList();
Console.Error.WriteLine($"photos are {photos.Average(p => p.Length) / 1024 / 1024:F1} MB on average; uploading all at once ...");

var clock = Stopwatch.StartNew();
var accepted = await Task.WhenAll(products.Select(async (productId, i) =>
{
    var started = clock.Elapsed;
    using var form = new MultipartFormDataContent();
    var file = new ByteArrayContent(photos[i]);
    file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
    form.Add(file, "file", $"foto-{i}.jpg");
    form.Add(new StringContent("Foto produk"), "alt");
    form.Add(new StringContent("Product photo"), "altEn");
    var response = await http.PostAsync($"/api/v1/products/{productId}/images", form);
    var body = await response.Content.ReadAsStringAsync();
    if (!response.IsSuccessStatusCode)
    {
        throw new InvalidOperationException($"upload failed: {(int)response.StatusCode} {body}");
    }

    return (Id: JsonNode.Parse(body)!["id"]!.GetValue<string>(), Latency: clock.Elapsed - started);
}));
var allAccepted = clock.Elapsed;

string? card = null;
foreach (var (id, _) in accepted)
{
    while (true)
    {
        var image = await http.GetFromJsonAsync<JsonObject>($"/api/v1/media/images/{id}");
        var status = image!["status"]!.GetValue<string>();
        if (status == "ready")
        {
            card ??= image["card"]!.GetValue<string>();
            break;
        }

        if (status != "processing" || clock.Elapsed > TimeSpan.FromMinutes(10))
        {
            throw new InvalidOperationException($"image {id} ended {status}");
        }

        await Task.Delay(50);
    }
}

var done = clock.Elapsed;
var latencies = accepted.Select(a => a.Latency.TotalMilliseconds).Order().ToList();
Console.WriteLine(new JsonObject
{
    ["uploads"] = uploads,
    ["megapixels"] = 12,
    ["seconds_until_all_ready"] = Math.Round(done.TotalSeconds, 2),
    ["uploads_processed_per_second"] = Math.Round(uploads / done.TotalSeconds, 2),
    ["seconds_until_all_accepted"] = Math.Round(allAccepted.TotalSeconds, 2),
    ["upload_request_ms_p50"] = Math.Round(latencies[latencies.Count / 2]),
    ["upload_request_ms_max"] = Math.Round(latencies[^1]),
    ["card_url"] = card,
}.ToJsonString());

static byte[] Photo(int seed)
{
    using var image = new Image<Rgb24>(4000, 3000);
    var random = new Random(seed);
    image.ProcessPixelRows(rows =>
    {
        for (var y = 0; y < rows.Height; y++)
        {
            var row = rows.GetRowSpan(y);
            for (var x = 0; x < row.Length; x++)
            {
                // Smooth shapes plus a little noise, so the JPEG is photo-sized (a few MB), not a flat colour.
                var n = random.Next(24);
                row[x] = new Rgb24((byte)((x / 16 + seed * 40 + n) & 0xFF), (byte)((y / 12 + n) & 0xFF), (byte)(((x + y) / 20 + seed) & 0xFF));
            }
        }
    });
    var exif = new ExifProfile();
    exif.SetValue(ExifTag.Orientation, (ushort)6);
    exif.SetValue(ExifTag.GPSLatitude, [new Rational(2, 1), new Rational(59, 1), new Rational(3456, 100)]);
    image.Metadata.ExifProfile = exif;
    using var output = new MemoryStream();
    image.Save(output, new JpegEncoder { Quality = 90 });
    return output.ToArray();
}
