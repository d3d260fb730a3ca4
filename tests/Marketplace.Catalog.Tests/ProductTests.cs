namespace Marketplace.Catalog.Tests;

[Collection(AppCollection.Name)]
public sealed class ProductTestsOnSqlite(CatalogApp app) : ProductTests(app);

[Collection(PostgresAppCollection.Name)]
public sealed class ProductTestsOnPostgres(CatalogAppOnPostgres app) : ProductTests(app);

public abstract class ProductTests(CatalogApp app)
{
    [Fact]
    public async Task A_product_starts_as_a_draft_only_its_owner_sees_and_shoppers_see_it_once_published()
    {
        var owner = await app.SignUpAsync("merchant");
        var shop = await owner.CreateShopAsync();
        var product = await owner.CreateProductAsync(shop.Id());

        Assert.Equal("draft", product.Str("status"));
        Assert.Equal(shop.Id(), Guid.Parse(product["shop"]!.Str("id")));
        await (await app.Anonymous().GetAsync($"/api/v1/products/{product.Id()}")).ShouldBeProblemAsync(404);
        await (await owner.GetAsync($"/api/v1/products/{product.Id()}")).ShouldHaveStatusAsync(200);

        await (await owner.PostAsync($"/api/v1/products/{product.Id()}/publish")).ShouldHaveStatusAsync(200);

        var read = await app.Anonymous().GetJsonAsync($"/api/v1/products/{product.Id()}");
        Assert.Equal("published", read.Str("status"));
        Assert.Equal(2_500_000, read["price"]!["amount"]!.GetValue<long>());
        Assert.Equal("IDR", read["price"]!["currency"]!.GetValue<string>());
        Assert.Equal("Kuliner", read["subsector"]!.Str("name"));
        Assert.Equal("ID35110000123450823", read["attributes"]!.Str("halalCertificate"));
        Assert.True(read["inStock"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Publishing_unpublishing_editing_restocking_and_deleting_each_emit_one_event()
    {
        var owner = await app.SignUpAsync("merchant");
        var shop = await owner.CreateShopAsync();
        var product = await owner.CreatePublishedProductAsync(shop.Id());
        var id = product.Id();

        await (await owner.PatchAsync($"/api/v1/products/{id}", new { price = new { amount = 2_750_000, currency = "IDR" } })).ShouldHaveStatusAsync(200);
        await (await owner.PutAsync($"/api/v1/products/{id}/stock", new { quantity = 42 })).ShouldHaveStatusAsync(200);
        await (await owner.PostAsync($"/api/v1/products/{id}/unpublish")).ShouldHaveStatusAsync(200);
        await (await owner.DeleteAsync($"/api/v1/products/{id}")).ShouldHaveStatusAsync(204);

        await Eventually.HoldsAsync(() => Task.FromResult(
            app.Events.Of<Contracts.ProductDeleted>().Any(e => e.ProductId == id)), because: "the outbox delivers within seconds");
        Assert.Single(app.Events.Of<Contracts.ProductPublished>(), e => e.ProductId == id);
        Assert.Single(app.Events.Of<Contracts.ProductUpdated>(), e => e.ProductId == id);
        Assert.Single(app.Events.Of<Contracts.ProductStockChanged>(), e => e.ProductId == id && e.Stock == 42);
        Assert.Single(app.Events.Of<Contracts.ProductUnpublished>(), e => e.ProductId == id);
        await (await owner.GetAsync($"/api/v1/products/{id}")).ShouldBeProblemAsync(404);
    }

    [Fact]
    public async Task Publishing_twice_is_harmless()
    {
        var owner = await app.SignUpAsync("merchant");
        var shop = await owner.CreateShopAsync();
        var product = await owner.CreatePublishedProductAsync(shop.Id());

        await (await owner.PostAsync($"/api/v1/products/{product.Id()}/publish")).ShouldHaveStatusAsync(200);
        await app.DrainOutboxAsync();

        Assert.Single(app.Events.Of<Contracts.ProductPublished>(), e => e.ProductId == product.Id());
    }

    public static TheoryData<string, object> InvalidProducts => new()
    {
        { "name", new { price = new { amount = 100, currency = "IDR" }, subsector = "kuliner", stock = 1 } },
        { "name", new { name = new string('n', 151), price = new { amount = 100, currency = "IDR" }, subsector = "kuliner", stock = 1 } },
        { "name", new { name = "<script>x</script>", price = new { amount = 100, currency = "IDR" }, subsector = "kuliner", stock = 1 } },
        { "price", new { name = "Pempek", subsector = "kuliner", stock = 1 } },
        { "price", new { name = "Pempek", price = new { amount = -500, currency = "IDR" }, subsector = "kuliner", stock = 1 } },
        { "price", new { name = "Pempek", price = new { amount = 0, currency = "IDR" }, subsector = "kuliner", stock = 1 } },
        { "price", new { name = "Pempek", price = new { amount = 100_000_000_001, currency = "IDR" }, subsector = "kuliner", stock = 1 } },
        { "price", new { name = "Pempek", price = new { amount = 100, currency = "XYZ" }, subsector = "kuliner", stock = 1 } },
        { "subsector", new { name = "Pempek", price = new { amount = 100, currency = "IDR" }, subsector = "makanan", stock = 1 } },
        { "stock", new { name = "Pempek", price = new { amount = 100, currency = "IDR" }, subsector = "kuliner", stock = -1 } },
        { "stock", new { name = "Pempek", price = new { amount = 100, currency = "IDR" }, subsector = "kuliner", stock = 1_000_001 } },
        { "originCityCode", new { name = "Pempek", price = new { amount = 100, currency = "IDR" }, subsector = "kuliner", stock = 1, originCityCode = "00.00" } },
        { "imageUrls", new { name = "Pempek", price = new { amount = 100, currency = "IDR" }, subsector = "kuliner", stock = 1, imageUrls = new[] { "javascript:alert(1)" } } },
        { "attributes.pirtNumber", new { name = "Pempek", price = new { amount = 100, currency = "IDR" }, subsector = "kuliner", stock = 1, attributes = new { pirtNumber = "abc" } } },
        { "attributes.shelfLifeDays", new { name = "Pempek", price = new { amount = 100, currency = "IDR" }, subsector = "kuliner", stock = 1, attributes = new { shelfLifeDays = 0 } } },
        { "attributes.bpomNumber", new { name = "Pempek", price = new { amount = 100, currency = "IDR" }, subsector = "kuliner", stock = 1, attributes = new { bpomNumber = "123" } } },
    };

    [Theory]
    [MemberData(nameof(InvalidProducts))]
    public async Task Invalid_products_are_refused_naming_the_field_and_nothing_is_written(string field, object body)
    {
        var owner = await app.SignUpAsync("merchant");
        var shop = await owner.CreateShopAsync();

        var response = await owner.PostAsync($"/api/v1/shops/{shop.Id()}/products", body);

        await response.ShouldBeProblemAsync(400, field);
        var listed = await owner.GetJsonAsync($"/api/v1/shops/by-slug/{shop.Str("slug")}/products");
        Assert.Equal(0, listed["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_story_with_script_is_stored_without_it()
    {
        var owner = await app.SignUpAsync("merchant");
        var shop = await owner.CreateShopAsync();
        var body = new
        {
            name = "Kemplang Panggang",
            price = new { amount = 3_500_000, currency = "IDR" },
            subsector = "kuliner",
            stock = 5,
            story = "<h2>Dari Pulau Kemaro</h2><script>document.cookie</script><a href=\"javascript:evil()\">klik</a>",
        };

        var product = await owner.CreateProductAsync(shop.Id(), body);

        var story = product.Str("story");
        Assert.Contains("<h2>Dari Pulau Kemaro</h2>", story, StringComparison.Ordinal);
        Assert.DoesNotContain("script", story, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript", story, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Someone_elses_product_is_403_when_published_and_404_when_a_draft()
    {
        var owner = await app.SignUpAsync("merchant");
        var shop = await owner.CreateShopAsync();
        var published = await owner.CreatePublishedProductAsync(shop.Id());
        var draft = await owner.CreateProductAsync(shop.Id());
        var stranger = await app.SignUpAsync("merchant");

        await (await stranger.PatchAsync($"/api/v1/products/{published.Id()}", new { name = "Palsu" })).ShouldBeProblemAsync(403);
        await (await stranger.PatchAsync($"/api/v1/products/{draft.Id()}", new { name = "Palsu" })).ShouldBeProblemAsync(404);
        await (await stranger.PostAsync($"/api/v1/shops/{shop.Id()}/products", CatalogFixtures.ProductBody())).ShouldBeProblemAsync(403);
        await (await stranger.DeleteAsync($"/api/v1/products/{published.Id()}")).ShouldBeProblemAsync(403);
        await (await stranger.PutAsync($"/api/v1/products/{published.Id()}/stock", new { quantity = 0 })).ShouldBeProblemAsync(403);

        Assert.Equal(published.Str("name"), (await app.Anonymous().GetJsonAsync($"/api/v1/products/{published.Id()}")).Str("name"));
    }

    [Fact]
    public async Task Unknown_products_and_shops_are_404()
    {
        var merchant = await app.SignUpAsync("merchant");
        await (await app.Anonymous().GetAsync($"/api/v1/products/{Guid.NewGuid()}")).ShouldBeProblemAsync(404);
        await (await merchant.PostAsync($"/api/v1/shops/{Guid.NewGuid()}/products", CatalogFixtures.ProductBody())).ShouldBeProblemAsync(404);
        await (await merchant.PostAsync($"/api/v1/products/{Guid.NewGuid()}/publish")).ShouldBeProblemAsync(404);
        await (await app.Anonymous().GetAsync("/api/v1/shops/by-slug/tidak-ada/products")).ShouldBeProblemAsync(404);
    }

    [Fact]
    public async Task A_product_page_has_an_etag_that_changes_when_the_product_or_its_shop_changes()
    {
        var owner = await app.SignUpAsync("merchant");
        var shop = await owner.CreateShopAsync();
        var product = await owner.CreatePublishedProductAsync(shop.Id());
        var url = $"/api/v1/products/{product.Id()}";
        var anonymous = app.Anonymous();

        var etag = (await anonymous.GetAsync(url)).Headers.ETag!;
        Assert.Equal(304, (int)(await SendConditionalAsync(anonymous, url, etag)).StatusCode);

        await (await owner.PatchAsync($"/api/v1/shops/{shop.Id()}", new { name = "Nama Toko Baru" })).ShouldHaveStatusAsync(200);
        var afterShopChange = await SendConditionalAsync(anonymous, url, etag);
        Assert.Equal(200, (int)afterShopChange.StatusCode);
        Assert.Equal("Nama Toko Baru", (await afterShopChange.JsonAsync())["shop"]!.Str("name"));

        var etag2 = afterShopChange.Headers.ETag!;
        await (await owner.PutAsync($"/api/v1/products/{product.Id()}/stock", new { quantity = 3 })).ShouldHaveStatusAsync(200);
        Assert.Equal(200, (int)(await SendConditionalAsync(anonymous, url, etag2)).StatusCode);
    }

    private static Task<HttpResponseMessage> SendConditionalAsync(ApiClient client, string url, System.Net.Http.Headers.EntityTagHeaderValue etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.IfNoneMatch.Add(etag);
        return client.Http.SendAsync(request);
    }

    [Fact]
    public async Task Shoppers_list_only_published_products_and_owners_also_see_drafts()
    {
        var owner = await app.SignUpAsync("merchant");
        var shop = await owner.CreateShopAsync();
        await owner.CreatePublishedProductAsync(shop.Id());
        await owner.CreateProductAsync(shop.Id());
        var url = $"/api/v1/shops/by-slug/{shop.Str("slug")}/products";

        Assert.Equal(1, (await app.Anonymous().GetJsonAsync(url))["total"]!.GetValue<int>());
        Assert.Equal(2, (await owner.GetJsonAsync(url))["total"]!.GetValue<int>());
        Assert.Equal(1, (await owner.GetJsonAsync(url + "?status=draft"))["total"]!.GetValue<int>());
        await (await app.Anonymous().GetAsync(url + "?status=draft")).ShouldBeProblemAsync(400, "status");
    }

    [Fact]
    public async Task A_partial_update_keeps_what_it_does_not_mention()
    {
        var owner = await app.SignUpAsync("merchant");
        var shop = await owner.CreateShopAsync();
        var product = await owner.CreateProductAsync(shop.Id());

        var updated = await (await owner.PatchAsync($"/api/v1/products/{product.Id()}", new { nameEn = "", category = "Camilan" })).JsonAsync();

        Assert.Equal(product.Str("name"), updated.Str("name"));
        Assert.Null(updated["nameEn"]);
        Assert.Equal("Camilan", updated.Str("category"));
        Assert.Equal(product["price"]!["amount"]!.GetValue<long>(), updated["price"]!["amount"]!.GetValue<long>());
    }

    [Fact]
    public async Task Setting_stock_to_an_absurd_number_is_refused()
    {
        var owner = await app.SignUpAsync("merchant");
        var shop = await owner.CreateShopAsync();
        var product = await owner.CreateProductAsync(shop.Id());

        await (await owner.PutAsync($"/api/v1/products/{product.Id()}/stock", new { quantity = -5 })).ShouldBeProblemAsync(400, "quantity");
        await (await owner.PutAsync($"/api/v1/products/{product.Id()}/stock", new { })).ShouldBeProblemAsync(400, "quantity");
    }
}
