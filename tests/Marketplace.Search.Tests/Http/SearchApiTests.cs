namespace Marketplace.Search.Tests.Http;

/// <summary>The HTTP surface: shapes, validation, hostile input.</summary>
[Collection(SearchAppCollection.Name)]
public sealed class SearchApiTests(SearchApp app)
{
    [Fact]
    public async Task A_search_returns_hits_with_highlights_total_and_facets()
    {
        var (merchant, shop) = await app.ShopAsync();
        var word = SearchApp.UniqueWord();
        var id = await SearchApp.CreateProductAsync(merchant, shop, $"Pempek Kapal Selam {word}", amount: 4_500_000);
        await Eventually.HoldsAsync(async () => (await app.FoundAsync(word)).Contains(id), TimeSpan.FromSeconds(2));

        var result = await app.SearchAsync($"q=empek+empek+{word}&city=16.71&sort=relevance&page=1&pageSize=10");
        Assert.Equal(1, result["page"]!.GetValue<int>());
        Assert.Equal(10, result["pageSize"]!.GetValue<int>());
        var hit = result["items"]![0]!;
        Assert.Equal(id, Guid.Parse(hit["productId"]!.GetValue<string>()));
        Assert.Equal(4_500_000, hit["price"]!["amount"]!.GetValue<long>());
        Assert.Equal("IDR", hit["price"]!["currency"]!.GetValue<string>());
        Assert.Equal("16.71", hit["city"]!["code"]!.GetValue<string>());
        Assert.Equal("kuliner", hit["subsector"]!["code"]!.GetValue<string>());
        Assert.True(hit["inStock"]!.GetValue<bool>());
        Assert.StartsWith("<mark>Pempek</mark>", hit["highlights"]!["name"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(hit["shop"]!["slug"]);
        var facets = result["facets"]!;
        Assert.NotEmpty(facets["subsector"]!.AsArray());
        Assert.NotEmpty(facets["city"]!.AsArray());
        Assert.NotEmpty(facets["halal"]!.AsArray());
        Assert.Equal(6, facets["priceRanges"]!.AsArray().Count);
    }

    [Fact]
    public async Task Suggest_completes_a_prefix()
    {
        var (merchant, shop) = await app.ShopAsync();
        var word = SearchApp.UniqueWord();
        var id = await SearchApp.CreateProductAsync(merchant, shop, $"Kemplang {word} Panggang");
        await Eventually.HoldsAsync(async () => (await app.FoundAsync(word)).Contains(id), TimeSpan.FromSeconds(2));

        var suggestions = (await app.Anonymous().GetJsonAsync($"/api/v1/search/suggest?q={word[..6]}"))["suggestions"]!.AsArray();
        Assert.Contains(suggestions, s => s!["productId"]!.GetValue<string>() == id.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("q=")]
    [InlineData("q=*")]
    [InlineData("q=%22")]
    [InlineData("q=%3A")]
    [InlineData("q=~")]
    [InlineData("q=(")]
    [InlineData("q=*+%22+%3A+~+(")]
    [InlineData("q=name%3Apempek+OR+*%3A*")]
    [InlineData("sort=PRICE_ASC&pageSize=100&page=100")]
    [InlineData("minPrice=0&maxPrice=0")]
    [InlineData("halal=true&inStock=false&shop=no-such-shop&exhibition=no-such-expo&province=16")]
    public async Task Odd_but_valid_input_answers_200(string query)
    {
        var response = await app.Anonymous().GetAsync("/api/v1/search/products?" + query);
        await response.ShouldHaveStatusAsync(200);
    }

    [Theory]
    [InlineData("sort=cheapest", "sort")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=10000", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("page=101&pageSize=100", "page")]
    [InlineData("minPrice=500&maxPrice=100", "minPrice")]
    [InlineData("minPrice=-1", "minPrice")]
    [InlineData("minPrice=murah", "minPrice")]
    [InlineData("halal=maybe", "halal")]
    [InlineData("pageSize=abc", "pageSize")]
    public async Task Bad_input_is_a_400_naming_the_field(string query, string field)
    {
        var response = await app.Anonymous().GetAsync("/api/v1/search/products?" + query);
        await response.ShouldBeProblemAsync(400, field);
    }

    [Fact]
    public async Task A_query_over_200_characters_is_refused_and_a_thousand_characters_never_crash()
    {
        var thousand = Uri.EscapeDataString(string.Concat(Enumerable.Repeat("keripik* \"tempe\" ~(", 60))[..1000]);
        await (await app.Anonymous().GetAsync("/api/v1/search/products?q=" + thousand)).ShouldBeProblemAsync(400, "q");
        await (await app.Anonymous().GetAsync("/api/v1/search/products?q=" + new string('a', 200))).ShouldHaveStatusAsync(200);
        await (await app.Anonymous().GetAsync("/api/v1/search/suggest?q=" + thousand)).ShouldBeProblemAsync(400, "q");
    }

    [Theory]
    [InlineData("", "q")]
    [InlineData("q=", "q")]
    [InlineData("q=pem&limit=0", "limit")]
    [InlineData("q=pem&limit=21", "limit")]
    public async Task Suggest_validates_its_input(string query, string field)
    {
        await (await app.Anonymous().GetAsync("/api/v1/search/suggest?" + query)).ShouldBeProblemAsync(400, field);
    }

    [Fact]
    public async Task Search_routes_are_documented()
    {
        var document = await app.Anonymous().GetJsonAsync("/openapi/v1.json");
        var search = document["paths"]!["/api/v1/search/products"]!["get"]!;
        Assert.NotNull(search["responses"]!["200"]);
        Assert.NotNull(search["responses"]!["400"]);
        Assert.NotNull(search["responses"]!["503"]);
        Assert.Contains(search["parameters"]!.AsArray(), p => p!["name"]!.GetValue<string>() == "q");
        Assert.Contains(search["parameters"]!.AsArray(), p => p!["name"]!.GetValue<string>() == "minPrice");
        Assert.NotNull(document["paths"]!["/api/v1/search/suggest"]!["get"]);
    }
}
