using System.Net.Http.Headers;

namespace Marketplace.Catalog.Tests;

[Collection(AppCollection.Name)]
public sealed class ShopTestsOnSqlite(CatalogApp app) : ShopTests(app);

[Collection(PostgresAppCollection.Name)]
public sealed class ShopTestsOnPostgres(CatalogAppOnPostgres app) : ShopTests(app);

public abstract class ShopTests(CatalogApp app)
{
    [Fact]
    public async Task A_merchant_opens_a_shop_in_Malang_and_anyone_can_read_it()
    {
        var merchant = await app.SignUpAsync("merchant");
        var shop = await merchant.CreateShopAsync("Keripik Tempe Bu Yayuk Sanan");

        Assert.Equal("keripik-tempe-bu-yayuk-sanan", shop.Str("slug"));
        Assert.False(shop["verified"]!.GetValue<bool>());
        Assert.Equal("Kota Malang", shop["city"]!["name"]!.GetValue<string>());
        Assert.Equal("Jawa Timur", shop["city"]!["provinceName"]!.GetValue<string>());

        var read = await app.Anonymous().GetJsonAsync("/api/v1/shops/by-slug/keripik-tempe-bu-yayuk-sanan");
        Assert.Equal(shop.Id(), read.Id());
        Assert.Equal("kuliner", read["subsectors"]![0]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Script_in_a_story_is_stripped_and_not_stored()
    {
        var merchant = await app.SignUpAsync("merchant");
        var body = new
        {
            name = "Songket Nyayu " + Guid.NewGuid().ToString("N")[..6],
            cityCode = CatalogFixtures.Palembang,
            subsectors = new[] { "kriya" },
            story = "<p onclick=\"steal()\">Tenun <b>songket</b></p><script>alert('x')</script><img src=x onerror=alert(1)>",
        };
        var created = await (await merchant.PostAsync("/api/v1/shops", body)).JsonAsync();

        var story = (await app.Anonymous().GetJsonAsync($"/api/v1/shops/by-slug/{created.Str("slug")}")).Str("story");
        Assert.DoesNotContain("script", story, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onclick", story, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onerror", story, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<b>songket</b>", story, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_taken_slug_is_a_409_and_a_derived_slug_gets_a_suffix()
    {
        var merchant = await app.SignUpAsync("merchant");
        var name = "Batik Celaket " + Guid.NewGuid().ToString("N")[..6];
        var first = await merchant.CreateShopAsync(name);
        var second = await merchant.CreateShopAsync(name);
        Assert.Equal(first.Str("slug") + "-2", second.Str("slug"));

        var other = await app.SignUpAsync("merchant");
        var response = await other.PostAsync("/api/v1/shops", CatalogFixtures.ShopBody(slug: first.Str("slug")));
        await response.ShouldBeProblemAsync(409, "slug", "catalog.shop.slug_taken");
    }

    public static TheoryData<string, object> InvalidShops => new()
    {
        { "name", new { name = "", cityCode = "35.73", subsectors = new[] { "kuliner" } } },
        { "name", new { name = new string('x', 101), cityCode = "35.73", subsectors = new[] { "kuliner" } } },
        { "name", new { name = "<b>Toko</b>", cityCode = "35.73", subsectors = new[] { "kuliner" } } },
        { "cityCode", new { name = "Toko", cityCode = "99.99", subsectors = new[] { "kuliner" } } },
        { "cityCode", new { name = "Toko", subsectors = new[] { "kuliner" } } },
        { "subsectors", new { name = "Toko", cityCode = "35.73", subsectors = new[] { "sulap" } } },
        { "subsectors", new { name = "Toko", cityCode = "35.73", subsectors = Array.Empty<string>() } },
        { "subsectors", new { name = "Toko", cityCode = "35.73", subsectors = new[] { "kuliner", "kriya", "fashion", "musik", "aplikasi", "fotografi" } } },
        { "slug", new { name = "Toko", slug = "Not A Slug!", cityCode = "35.73", subsectors = new[] { "kuliner" } } },
        { "contactPhone", new { name = "Toko", cityCode = "35.73", subsectors = new[] { "kuliner" }, contactPhone = "call me" } },
        { "contactEmail", new { name = "Toko", cityCode = "35.73", subsectors = new[] { "kuliner" }, contactEmail = "nope" } },
        { "shippingFlatRate", new { name = "Toko", cityCode = "35.73", subsectors = new[] { "kuliner" }, shippingFlatRate = new { amount = -1, currency = "IDR" } } },
        { "story", new { name = "Toko", cityCode = "35.73", subsectors = new[] { "kuliner" }, story = new string('a', 20_001) } },
    };

    [Theory]
    [MemberData(nameof(InvalidShops))]
    public async Task Invalid_shops_are_refused_naming_the_field_and_nothing_is_written(string field, object body)
    {
        var merchant = await app.SignUpAsync("merchant");

        var response = await merchant.PostAsync("/api/v1/shops", body);

        await response.ShouldBeProblemAsync(400, field);
        Assert.Empty((await merchant.GetJsonAsync("/api/v1/me/shops")).AsArray());
    }

    [Fact]
    public async Task Unicode_names_are_kept_and_get_a_usable_slug()
    {
        var merchant = await app.SignUpAsync("merchant");
        var shop = await merchant.CreateShopAsync("Kedai Kopi Énak ☕ " + Guid.NewGuid().ToString("N")[..4]);

        Assert.StartsWith("kedai-kopi-enak-", shop.Str("slug"), StringComparison.Ordinal);
        Assert.Contains("☕", shop.Str("name"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_owner_edits_the_shop_and_other_merchants_cannot()
    {
        var owner = await app.SignUpAsync("merchant");
        var shop = await owner.CreateShopAsync();
        var id = shop.Id();

        var edited = await owner.PatchAsync($"/api/v1/shops/{id}", new { story = "<p>Cerita baru</p>", subsectors = new[] { "kuliner", "kriya" } });
        await edited.ShouldHaveStatusAsync(200);
        Assert.Equal(2, (await edited.JsonAsync())["subsectors"]!.AsArray().Count);

        var stranger = await app.SignUpAsync("merchant");
        var refused = await stranger.PatchAsync($"/api/v1/shops/{id}", new { name = "Dibajak" });
        await refused.ShouldBeProblemAsync(403, code: "catalog.shop.not_owner");
        Assert.Equal(shop.Str("name"), (await app.Anonymous().GetJsonAsync($"/api/v1/shops/by-slug/{shop.Str("slug")}")).Str("name"));
    }

    [Fact]
    public async Task Editing_an_unknown_shop_is_404()
    {
        var merchant = await app.SignUpAsync("merchant");
        var response = await merchant.PatchAsync($"/api/v1/shops/{Guid.NewGuid()}", new { name = "X" });
        await response.ShouldBeProblemAsync(404);
    }

    [Fact]
    public async Task A_shop_page_has_an_etag_and_answers_304_until_it_changes()
    {
        var owner = await app.SignUpAsync("merchant");
        var shop = await owner.CreateShopAsync();
        var url = $"/api/v1/shops/by-slug/{shop.Str("slug")}";
        var anonymous = app.Anonymous();

        var first = await anonymous.GetAsync(url);
        var etag = first.Headers.ETag!;
        var conditional = new HttpRequestMessage(HttpMethod.Get, url);
        conditional.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(304, (int)(await anonymous.Http.SendAsync(conditional)).StatusCode);

        await (await owner.PatchAsync($"/api/v1/shops/{shop.Id()}", new { story = "<p>Berubah</p>" })).ShouldHaveStatusAsync(200);
        var again = new HttpRequestMessage(HttpMethod.Get, url);
        again.Headers.IfNoneMatch.Add(etag);
        var changed = await anonymous.Http.SendAsync(again);
        Assert.Equal(200, (int)changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
    }

    [Fact]
    public async Task Shops_are_listed_by_city_subsector_and_name()
    {
        var merchant = await app.SignUpAsync("merchant");
        var marker = Guid.NewGuid().ToString("N")[..8];
        await merchant.CreateShopAsync($"Tenun Ikat {marker}", CatalogFixtures.Kediri, ["kriya"]);
        await merchant.CreateShopAsync($"Tahu Takwa {marker}", CatalogFixtures.Kediri, ["kuliner"]);

        var byName = await app.Anonymous().GetJsonAsync($"/api/v1/shops?q={marker.ToUpperInvariant()}");
        Assert.Equal(2, byName["total"]!.GetValue<int>());

        var craftsInKediri = await app.Anonymous().GetJsonAsync($"/api/v1/shops?q={marker}&city=35.71&subsector=kriya");
        Assert.Equal(1, craftsInKediri["total"]!.GetValue<int>());
        Assert.StartsWith("Tenun Ikat", craftsInKediri["items"]![0]!.Str("name"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("page=-3", "page")]
    public async Task Paging_out_of_range_is_refused(string query, string field)
    {
        var response = await app.Anonymous().GetAsync($"/api/v1/shops?{query}");
        await response.ShouldBeProblemAsync(400, field);
    }

    [Fact]
    public async Task An_admin_verifies_a_shop_and_a_merchant_cannot()
    {
        var owner = await app.SignUpAsync("merchant");
        var shop = await owner.CreateShopAsync();

        await (await owner.PostAsync($"/api/v1/shops/{shop.Id()}/verify")).ShouldHaveStatusAsync(403);

        var admin = await app.AdminAsync();
        var verified = await admin.PostAsync($"/api/v1/shops/{shop.Id()}/verify");
        await verified.ShouldHaveStatusAsync(200);
        Assert.True((await verified.JsonAsync())["verified"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_suspended_shop_and_its_products_disappear_for_shoppers_but_not_for_the_owner()
    {
        var owner = await app.SignUpAsync("merchant");
        var shop = await owner.CreateShopAsync();
        var product = await owner.CreatePublishedProductAsync(shop.Id());
        var admin = await app.AdminAsync();

        await (await admin.PostAsync($"/api/v1/shops/{shop.Id()}/suspend", new { reason = "Laporan produk palsu" })).ShouldHaveStatusAsync(200);

        await (await app.Anonymous().GetAsync($"/api/v1/shops/by-slug/{shop.Str("slug")}")).ShouldBeProblemAsync(404);
        await (await app.Anonymous().GetAsync($"/api/v1/products/{product.Id()}")).ShouldBeProblemAsync(404);
        await (await owner.GetAsync($"/api/v1/shops/by-slug/{shop.Str("slug")}")).ShouldHaveStatusAsync(200);
        await (await owner.PostAsync($"/api/v1/products/{product.Id()}/publish")).ShouldBeProblemAsync(409, code: "catalog.shop.suspended");

        await (await admin.PostAsync($"/api/v1/shops/{shop.Id()}/reinstate")).ShouldHaveStatusAsync(200);
        await (await app.Anonymous().GetAsync($"/api/v1/products/{product.Id()}")).ShouldHaveStatusAsync(200);
    }

    [Fact]
    public async Task Suspending_needs_a_reason()
    {
        var owner = await app.SignUpAsync("merchant");
        var shop = await owner.CreateShopAsync();
        var admin = await app.AdminAsync();

        await (await admin.PostAsync($"/api/v1/shops/{shop.Id()}/suspend", new { reason = "" })).ShouldBeProblemAsync(400, "reason");
    }

    [Fact]
    public async Task Malformed_json_wrong_content_type_and_oversized_bodies_are_refused_cleanly()
    {
        var merchant = await app.SignUpAsync("merchant");

        var malformed = await merchant.SendRawAsync(HttpMethod.Post, "/api/v1/shops", """{"name": "Toko", "subsectors": "kuliner"}""");
        await malformed.ShouldBeProblemAsync(400, "subsectors");

        var form = await merchant.SendRawAsync(HttpMethod.Post, "/api/v1/shops", "name=Toko", "application/x-www-form-urlencoded");
        Assert.Equal(415, (int)form.StatusCode);

        var huge = new StringContent("{\"name\": \"" + new string('a', 2_000_000) + "\"}");
        huge.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var tooLarge = await merchant.Http.PostAsync("/api/v1/shops", huge);
        await tooLarge.ShouldBeProblemAsync(413);

        Assert.Empty((await merchant.GetJsonAsync("/api/v1/me/shops")).AsArray());
    }
}
