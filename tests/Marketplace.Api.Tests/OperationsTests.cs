namespace Marketplace.Api.Tests;

[Collection(AppCollection.Name)]
public sealed class OperationsTests(MarketplaceApp app)
{
    [Fact]
    public async Task Liveness_and_readiness_answer()
    {
        await (await app.Anonymous().GetAsync("/health/live")).ShouldHaveStatusAsync(200);
        var ready = await app.Anonymous().GetJsonAsync("/health/ready");
        Assert.Equal("healthy", ready["status"]!.GetValue<string>());
        Assert.Equal("healthy", ready["checks"]!["store"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Metrics_are_exposed_in_the_prometheus_format_with_request_durations_per_route()
    {
        await (await app.Anonymous().GetAsync("/api/v1/subsectors")).ShouldHaveStatusAsync(200);

        // The exporter caches a scrape for a moment; poll until the request above is in it.
        string text = "";
        await Eventually.HoldsAsync(async () =>
        {
            var response = await app.Anonymous().GetAsync("/metrics");
            await response.ShouldHaveStatusAsync(200);
            Assert.StartsWith("text/plain", response.Content.Headers.ContentType!.MediaType);
            text = await response.Content.ReadAsStringAsync();
            return text.Contains("http_route=\"/api/v1/subsectors\"", StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(10), "the subsectors request should show up in /metrics");
        Assert.Contains("http_server_request_duration_seconds_bucket", text, StringComparison.Ordinal);
        Assert.Contains("dotnet_gc_collections", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_route_is_a_problem_not_an_empty_page()
    {
        var response = await app.Anonymous().GetAsync("/api/v1/nothing-here");
        await response.ShouldBeProblemAsync(404);
    }

    [Fact]
    public async Task A_newcomer_opens_a_shop_in_Malang_publishes_a_product_and_a_shopper_reads_it()
    {
        var merchant = await app.SignUpAsync("merchant", "Bu Yayuk");
        var malang = (await app.Anonymous().GetJsonAsync("/api/v1/regions/cities?q=kota malang")).AsArray().Single()!;
        var shopResponse = await merchant.PostAsync("/api/v1/shops", new
        {
            name = "Keripik Tempe Bu Yayuk " + Guid.NewGuid().ToString("N")[..6],
            cityCode = malang["code"]!.GetValue<string>(),
            subsectors = new[] { "kuliner" },
            story = "<p>Tempe Sanan, diiris tipis sejak 1995.</p>",
        });
        await shopResponse.ShouldHaveStatusAsync(201);
        var shop = await shopResponse.JsonAsync();
        var shopId = shop["id"]!.GetValue<string>();

        var productResponse = await merchant.PostAsync($"/api/v1/shops/{shopId}/products", new
        {
            name = "Keripik Tempe Sanan Original 250 gr",
            price = new { amount = 2_500_000, currency = "IDR" },
            subsector = "kuliner",
            stock = 40,
        });
        await productResponse.ShouldHaveStatusAsync(201);
        var productId = (await productResponse.JsonAsync())["id"]!.GetValue<string>();
        await (await merchant.PostAsync($"/api/v1/products/{productId}/publish")).ShouldHaveStatusAsync(200);

        var shopper = await app.SignUpAsync("shopper");
        var product = await shopper.GetJsonAsync($"/api/v1/products/{productId}");
        Assert.Equal("Keripik Tempe Sanan Original 250 gr", product["name"]!.GetValue<string>());
        Assert.Equal(shop["slug"]!.GetValue<string>(), product["shop"]!["slug"]!.GetValue<string>());
        var listed = await shopper.GetJsonAsync($"/api/v1/shops/by-slug/{shop["slug"]!.GetValue<string>()}/products");
        Assert.Equal(1, listed["total"]!.GetValue<int>());
    }
}

/// <summary>First start on an empty database with the demo switched on, as the README's run command does.</summary>
public sealed class DemoSeedTests : IAsyncLifetime
{
    private readonly MarketplaceApp _app = new();

    public Task InitializeAsync()
    {
        _app.Settings["Seed:Demo"] = "true";
        return ((IAsyncLifetime)_app).InitializeAsync();
    }

    public Task DisposeAsync() => ((IAsyncLifetime)_app).DisposeAsync();

    [Fact]
    public async Task The_demo_has_thirty_shops_in_three_cities_three_hundred_products_and_accounts_for_every_role()
    {
        var client = _app.Anonymous();
        var total = 0;
        foreach (var city in new[] { "16.71", "35.73", "35.07", "35.71", "35.06" })
        {
            total += (await client.GetJsonAsync($"/api/v1/shops?city={city}&pageSize=100"))["total"]!.GetValue<int>();
        }

        Assert.True(total >= 30, $"only {total} demo shops");
        var pempek = await client.GetJsonAsync("/api/v1/shops/by-slug/pempek-cek-sri/products?pageSize=100");
        Assert.True(pempek["total"]!.GetValue<int>() >= 8);
        Assert.Contains(pempek["items"]!.AsArray(), p => p!["name"]!.GetValue<string>().StartsWith("Pempek Kapal Selam", StringComparison.Ordinal));

        foreach (var email in new[] { "admin@demo.marketplace.id", "shopper@demo.marketplace.id", "organiser@demo.marketplace.id", "merchant01@demo.marketplace.id" })
        {
            await _app.SignInAsync(email, "Demo-Pasar-2026!");
        }

        var merchant = await _app.SignInAsync("merchant01@demo.marketplace.id", "Demo-Pasar-2026!");
        var mine = (await merchant.GetJsonAsync("/api/v1/me/shops")).AsArray();
        Assert.Single(mine);
    }
}
