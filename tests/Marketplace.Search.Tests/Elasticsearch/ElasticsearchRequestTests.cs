using System.Text;
using Marketplace.Search.Engines;
using Marketplace.Search.Engines.Elasticsearch;

namespace Marketplace.Search.Tests.Elasticsearch;

/// <summary>
/// What the adapter sends over the wire, checked against the samples written from Elastic's REST reference
/// (Samples/Requests): index creation with mapping and analysis, bulk NDJSON, the query DSL, the alias swap.
/// </summary>
public sealed class ElasticsearchRequestTests : IAsyncLifetime
{
    private ElasticsearchDouble _node = null!;
    private EngineUnderTest _adapter = null!;

    private ElasticsearchEngine Engine => _adapter.Engine;

    public async Task InitializeAsync()
    {
        _node = await ElasticsearchDouble.StartAsync();
        _adapter = EngineUnderTest.Create(_node.Url);
    }

    public async Task DisposeAsync()
    {
        await _adapter.DisposeAsync();
        await _node.DisposeAsync();
    }

    [Fact]
    public async Task Ensuring_the_index_on_an_empty_cluster_creates_it_with_the_sample_mapping_behind_the_alias()
    {
        await Engine.EnsureIndexAsync(CancellationToken.None);

        var create = Assert.Single(_node.RequestsTo("PUT", "/test-products-initial"));
        // The official client sends its versioned media type (Elasticsearch 9 reads it as JSON).
        Assert.Equal("application/vnd.elasticsearch+json;compatible-with=9", create.ContentType);
        var expected = Samples.Read("Requests/create-index.json")
            .Replace("{synonymsHash}", ElasticsearchIndexDefinition.SynonymsHash(EngineUnderTest.Synonyms), StringComparison.Ordinal);
        JsonAssert.Equal(expected, create.Json);
        Assert.Equal(["test-products-initial"], _node.IndicesBehind("test-products"));
        Assert.True(await Engine.NeedsRebuildAsync(CancellationToken.None)); // created empty: fill it from the store
        Assert.False(await Engine.NeedsRebuildAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Ensuring_the_index_when_the_alias_exists_creates_nothing()
    {
        _node.SeedIndex("test-products-20261101000000000", "test-products");
        _node.Script(r => r.Method == "GET" && r.Path == "/test-products/_mapping", DoubleResponse.Json(200, """
            {"test-products-20261101000000000":{"mappings":{"_meta":{"schemaVersion":1,"synonymsHash":"x"},"properties":{}}}}
            """));

        await Engine.EnsureIndexAsync(CancellationToken.None);

        Assert.DoesNotContain(_node.Requests, r => r.Method == "PUT");
        Assert.Equal(["test-products-20261101000000000"], _node.IndicesBehind("test-products"));
        Assert.False(await Engine.NeedsRebuildAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Two_instances_ensuring_the_index_at_once_end_with_one_index()
    {
        await using var other = EngineUnderTest.Create(_node.Url);
        await Task.WhenAll(Engine.EnsureIndexAsync(CancellationToken.None), other.Engine.EnsureIndexAsync(CancellationToken.None));

        Assert.Equal(["test-products-initial"], _node.Indices);
        Assert.True(await Engine.NeedsRebuildAsync(CancellationToken.None) ^ await other.Engine.NeedsRebuildAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Upserts_are_sent_as_bulk_index_actions_in_ndjson_through_the_alias()
    {
        await Engine.UpsertAsync([SampleProducts.PempekKapalSelam, SampleProducts.SongketLepus], CancellationToken.None);

        var bulk = Assert.Single(_node.RequestsTo("POST", "/_bulk"));
        // The client labels the NDJSON body with its versioned JSON media type, which Elasticsearch 9 accepts for _bulk.
        Assert.Equal("application/vnd.elasticsearch+json;compatible-with=9", bulk.ContentType);
        JsonAssert.EqualNdjson(Samples.Read("Requests/bulk-upsert.ndjson"), bulk.Body);
    }

    [Fact]
    public async Task Deletes_are_sent_as_bulk_delete_actions()
    {
        await Engine.DeleteAsync([SampleProducts.PempekKapalSelam.ProductId, SampleProducts.AbsentProduct], CancellationToken.None);

        var bulk = Assert.Single(_node.RequestsTo("POST", "/_bulk"));
        JsonAssert.EqualNdjson(Samples.Read("Requests/bulk-delete.ndjson"), bulk.Body);
    }

    [Fact]
    public async Task A_stock_change_is_sent_as_a_scripted_bulk_update_through_the_alias()
    {
        await Engine.UpdateStockAsync(
            [new StockChange(SampleProducts.PempekKapalSelam.ProductId, 0, 4), new StockChange(SampleProducts.SongketLepus.ProductId, 7, 2)],
            CancellationToken.None);

        var bulk = Assert.Single(_node.RequestsTo("POST", "/_bulk"));
        JsonAssert.EqualNdjson(Samples.Read("Requests/bulk-update-stock.ndjson"), bulk.Body);
    }

    [Fact]
    public async Task A_stock_change_updates_the_stored_document_in_place_and_reports_the_ids_that_have_none()
    {
        var pempek = SampleProducts.PempekKapalSelam; // stock 40, version 3
        await Engine.UpsertAsync([pempek], CancellationToken.None);

        var missing = await Engine.UpdateStockAsync(
            [new StockChange(pempek.ProductId, 0, 4), new StockChange(SampleProducts.AbsentProduct, 5, 1)], CancellationToken.None);

        Assert.Equal([SampleProducts.AbsentProduct], missing);
        var stored = _node.Document("test-products", ProductSource.Id(pempek.ProductId))!;
        Assert.Equal((0, 4L, pempek.Name, pempek.PriceAmount), (stored["stock"]!.GetValue<int>(), stored["version"]!.GetValue<long>(), stored["name"]!.GetValue<string>(), stored["priceAmount"]!.GetValue<long>()));

        // An older change (a redelivered event) is a noop.
        Assert.Empty(await Engine.UpdateStockAsync([new StockChange(pempek.ProductId, 40, 3)], CancellationToken.None));
        Assert.Equal(0, _node.Document("test-products", ProductSource.Id(pempek.ProductId))!["stock"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_stock_change_during_a_rebuild_reaches_both_indices_and_a_document_the_rebuild_has_not_loaded_yet_is_not_missing()
    {
        var pempek = SampleProducts.PempekKapalSelam;
        await Engine.UpsertAsync([pempek], CancellationToken.None);
        await using var rebuild = await Engine.BeginRebuildAsync(CancellationToken.None);
        _node.ClearRequests();

        var missing = await Engine.UpdateStockAsync([new StockChange(pempek.ProductId, 1, 9)], CancellationToken.None);

        Assert.Empty(missing); // the rebuild reads the store after its marker exists: it loads the new stock itself
        var lines = Assert.Single(_node.RequestsTo("POST", "/_bulk")).Body.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.Contains("\"_index\":\"test-products\"", lines[0], StringComparison.Ordinal);
        Assert.Contains("\"_index\":\"test-products-2", lines[2], StringComparison.Ordinal);
        Assert.Equal(1, _node.Document("test-products", ProductSource.Id(pempek.ProductId))!["stock"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_stock_update_refused_for_another_reason_than_a_missing_document_throws()
    {
        await Engine.EnsureIndexAsync(CancellationToken.None);
        _node.Script(r => r.Path == "/_bulk", DoubleResponse.Json(200, """
            {"errors":true,"took":1,"items":[{"update":{"_index":"test-products-initial","_id":"0f8fad5b-d9cb-469f-a165-70867728950e","status":400,
             "error":{"type":"illegal_argument_exception","reason":"failed to execute script"}}}]}
            """));

        await Assert.ThrowsAsync<ElasticsearchRequestException>(() =>
            Engine.UpdateStockAsync([new StockChange(SampleProducts.PempekKapalSelam.ProductId, 0, 4)], CancellationToken.None));
    }

    [Fact]
    public async Task A_search_with_every_filter_puts_facet_filters_in_post_filter_and_counts_each_facet_under_the_others()
    {
        _node.SearchResponse = Samples.Read("Responses/search-hits.json");

        await Engine.SearchAsync(new SearchQuery
        {
            Text = "  empek empek   palembang ",
            Subsector = "kuliner",
            City = "16.71",
            Province = "16",
            MinPrice = 1_000_000,
            MaxPrice = 5_000_000,
            Halal = true,
            InStock = true,
            Shop = "pempek-cek-molen",
            Exhibition = "Pameran-Palembang-2026",
            Sort = SearchSort.PriceAsc,
            Page = 2,
            PageSize = 10,
        }, CancellationToken.None);

        var search = Assert.Single(_node.RequestsTo("POST", "/test-products/_search"));
        // typed_keys: the client needs the aggregation types in the answer ("filter#city") to read them.
        Assert.Equal("?allow_partial_search_results=false&typed_keys=true", search.Query);
        JsonAssert.Equal(Samples.Read("Requests/search-all-filters.json"), search.Json);
    }

    [Fact]
    public async Task Browsing_newest_without_text_matches_all_and_sorts_by_listing_time_then_id()
    {
        await Engine.SearchAsync(new SearchQuery { Sort = SearchSort.Newest, IncludeFacets = false }, CancellationToken.None);

        var search = Assert.Single(_node.RequestsTo("POST", "/test-products/_search"));
        JsonAssert.Equal(Samples.Read("Requests/search-browse-newest.json"), search.Json);
    }

    [Theory]
    [InlineData("Relevance", """[{"_score":{"order":"desc"}},{"listedAt":{"order":"desc"}},{"productId":{"order":"asc"}}]""")]
    [InlineData("PriceDesc", """[{"priceAmount":{"order":"desc"}},{"productId":{"order":"asc"}}]""")]
    [InlineData("Rating", """[{"ratingHundredths":{"order":"desc"}},{"ratingCount":{"order":"desc"}},{"productId":{"order":"asc"}}]""")]
    public async Task Every_sort_ends_with_the_product_id_for_a_stable_page_order(string sort, string expected)
    {
        await Engine.SearchAsync(new SearchQuery { Text = "kopi", Sort = Enum.Parse<SearchSort>(sort) }, CancellationToken.None);

        JsonAssert.Equal(expected, Assert.Single(_node.RequestsTo("POST", "/_search")).Json["sort"]);
    }

    [Fact]
    public async Task A_minimum_rating_is_a_range_filter_on_hundredths_of_a_star()
    {
        await Engine.SearchAsync(new SearchQuery { MinRating = 4.5, IncludeFacets = false }, CancellationToken.None);

        var filters = Assert.Single(_node.RequestsTo("POST", "/test-products/_search")).Json["query"]!["bool"]!["filter"]!;
        // One filter is written as an object, not a one-element array (the client's shorthand).
        JsonAssert.Equal("""{"range":{"ratingHundredths":{"gte":450}}}""", filters);
    }

    [Fact]
    public async Task A_shop_or_exhibition_given_by_id_filters_on_the_id_field()
    {
        var shopId = Guid.NewGuid();
        var exhibitionId = Guid.NewGuid();
        await Engine.SearchAsync(new SearchQuery { Shop = shopId.ToString("N").ToUpperInvariant(), Exhibition = exhibitionId.ToString() }, CancellationToken.None);

        var filters = Assert.Single(_node.RequestsTo("POST", "/_search")).Json["query"]!["bool"]!["filter"]!;
        JsonAssert.Equal($$$$"""[{"term":{"shopId":{"value":"{{{{shopId:D}}}}"}}},{"term":{"exhibitionIds":{"value":"{{{{exhibitionId:D}}}}"}}}]""", filters);
    }

    [Fact]
    public async Task Query_syntax_characters_become_word_separators_and_very_long_text_is_capped()
    {
        var text = "keripik* \"tempe\" name:(malang) ~2 " + string.Join(' ', Enumerable.Repeat("kripik", 200));
        await Engine.SearchAsync(new SearchQuery { Text = text }, CancellationToken.None);

        var body = Assert.Single(_node.RequestsTo("POST", "/_search")).Json;
        var concepts = JsonAssert.Single(JsonAssert.Single(body["query"]!["bool"]!["must"])["bool"]!["must"])["bool"]!["should"]!.AsArray();
        var words = concepts.Select(c => JsonAssert.Clauses(c!["bool"]!["should"])[0]["multi_match"]!["query"]!.GetValue<string>()).ToList();
        Assert.Equal(ProductQueries.MaxQueryWords, words.Count);
        Assert.Equal(["keripik", "tempe", "name", "malang", "2", "kripik"], words.Take(6));
        Assert.NotNull(body["highlight"]);
    }

    [Theory]
    [InlineData("*\":~(")]
    [InlineData("   ")]
    public async Task Text_without_words_matches_everything_without_highlights(string text)
    {
        await Engine.SearchAsync(new SearchQuery { Text = text }, CancellationToken.None);

        var body = Assert.Single(_node.RequestsTo("POST", "/_search")).Json;
        JsonAssert.Equal("""{"match_all":{}}""", body["query"]!["bool"]!["must"]);
        Assert.Null(body["highlight"]);
    }

    [Fact]
    public async Task Three_or_more_concepts_need_three_quarters_and_short_words_are_never_fuzzy()
    {
        await Engine.SearchAsync(new SearchQuery { Text = "songket palembang murah kpi" }, CancellationToken.None);

        var must = JsonAssert.Single(JsonAssert.Single(Assert.Single(_node.RequestsTo("POST", "/_search")).Json["query"]!["bool"]!["must"])["bool"]!["must"])["bool"]!;
        Assert.Equal("2<75%", must["minimum_should_match"]!.GetValue<string>());
        var concepts = must["should"]!.AsArray();
        Assert.Equal(4, concepts.Count);
        Assert.Equal(7, JsonAssert.Clauses(concepts[0]!["bool"]!["should"]).Count); // songket: exact + 6 fuzzy fields
        Assert.Single(JsonAssert.Clauses(concepts[3]!["bool"]!["should"])); // kpi: exact only
    }

    [Fact]
    public async Task Pages_beyond_the_result_window_ask_only_for_total_and_facets()
    {
        await Engine.SearchAsync(new SearchQuery { Page = 101, PageSize = 100 }, CancellationToken.None);
        await Engine.SearchAsync(new SearchQuery { Page = 100, PageSize = 100 }, CancellationToken.None);
        await Engine.SearchAsync(new SearchQuery { Page = 134, PageSize = 75 }, CancellationToken.None);

        var bodies = _node.RequestsTo("POST", "/_search").Select(r => (From: r.Json["from"]!.GetValue<long>(), Size: r.Json["size"]!.GetValue<int>())).ToList();
        Assert.Equal([(0L, 0), (9_900L, 100), (9_975L, 25)], bodies);
    }

    [Fact]
    public async Task Suggestions_match_name_prefixes_and_collapse_equal_names()
    {
        _node.SearchResponse = Samples.Read("Responses/suggest-hits.json");

        var suggestions = await Engine.SuggestAsync(new SuggestQuery(" empek kap "), CancellationToken.None);

        JsonAssert.Equal(Samples.Read("Requests/suggest.json"), Assert.Single(_node.RequestsTo("POST", "/test-products/_search")).Json);
        Assert.Equal(["Pempek Kapal Selam", "Pempek Kapal Selam Jumbo"], suggestions.Select(s => s.Text));
        Assert.Equal(SampleProducts.PempekKapalSelam.ProductId, suggestions[0].ProductId);
    }

    [Fact]
    public async Task A_rebuild_loads_a_new_index_aside_then_swaps_the_alias_atomically_and_deletes_the_old_index()
    {
        await Engine.EnsureIndexAsync(CancellationToken.None);
        _node.ClearRequests();

        await using (var rebuild = await Engine.BeginRebuildAsync(CancellationToken.None))
        {
            var created = Assert.Single(_node.RequestsTo("PUT", "")).Path.TrimStart('/');
            Assert.Matches("^test-products-[0-9]{17}$", created);
            var settings = _node.RequestsTo("PUT", "/" + created)[0].Json;
            // -1 ("never"): the client writes it as a number, Elasticsearch reads settings as text either way.
            Assert.Equal("-1", settings["settings"]!["index"]!["refresh_interval"]!.ToString());
            JsonAssert.Equal("""{"test-products-rebuilding":{}}""", settings["aliases"]);
            Assert.Equal(["test-products-initial"], _node.IndicesBehind("test-products"));

            await rebuild.AddAsync([SampleProducts.SongketLepus], CancellationToken.None);
            var load = _node.RequestsTo("POST", "/_bulk").Last().Body.Split('\n')[0];
            JsonAssert.Equal($$$"""{"index":{"_index":"{{{created}}}","_id":"{{{SampleProducts.SongketLepus.ProductId}}}"}}""", System.Text.Json.Nodes.JsonNode.Parse(load));

            // A live change during the rebuild reaches the live index and the one being built.
            await Engine.UpsertAsync([SampleProducts.PempekKapalSelam], CancellationToken.None);
            var live = _node.RequestsTo("POST", "/_bulk").Last().Body.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(4, live.Length);
            Assert.Contains("\"_index\":\"test-products\"", live[0], StringComparison.Ordinal);
            Assert.Contains($"\"_index\":\"{created}\"", live[2], StringComparison.Ordinal);

            _node.ClearRequests();
            await rebuild.SwapAsync(CancellationToken.None);

            var swap = _node.Requests;
            Assert.Equal(["PUT /" + created + "/_settings", "POST /" + created + "/_refresh", "GET /_alias/test-products", "POST /_aliases", "DELETE /test-products-initial"],
                swap.Select(r => r.ToString()));
            JsonAssert.Equal("""{"index":{"refresh_interval":"1s","number_of_replicas":0}}""", swap[0].Json);
            JsonAssert.Equal(
                Samples.Read("Requests/alias-swap.json").Replace("{oldIndex}", "test-products-initial", StringComparison.Ordinal).Replace("{newIndex}", created, StringComparison.Ordinal),
                swap[3].Json);
            Assert.Equal([created], _node.IndicesBehind("test-products"));
            Assert.Empty(_node.IndicesBehind("test-products-rebuilding"));
            Assert.Equal([created], _node.Indices);
        }

        // After the swap, live writes go to the alias only.
        _node.ClearRequests();
        await Engine.UpsertAsync([SampleProducts.PempekKapalSelam], CancellationToken.None);
        Assert.Equal(2, _node.RequestsTo("POST", "/_bulk").Single().Body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task A_rebuild_abandoned_without_a_swap_deletes_its_index_and_leaves_the_live_one()
    {
        await Engine.EnsureIndexAsync(CancellationToken.None);

        await using (var rebuild = await Engine.BeginRebuildAsync(CancellationToken.None))
        {
            await rebuild.AddAsync([SampleProducts.SongketLepus], CancellationToken.None);
        }

        Assert.Equal(["test-products-initial"], _node.Indices);
        Assert.Equal(["test-products-initial"], _node.IndicesBehind("test-products"));
    }

    [Fact]
    public async Task A_rebuild_drops_the_index_a_crashed_rebuild_left_behind()
    {
        await Engine.EnsureIndexAsync(CancellationToken.None);
        _node.SeedIndex("test-products-20261101000000000", "test-products-rebuilding");

        await using var rebuild = await Engine.BeginRebuildAsync(CancellationToken.None);

        Assert.Single(_node.RequestsTo("DELETE", "/test-products-20261101000000000"));
        Assert.DoesNotContain("test-products-20261101000000000", _node.Indices);
    }

    [Fact]
    public async Task An_api_key_is_sent_as_ApiKey_authorization()
    {
        await using var adapter = EngineUnderTest.Create(_node.Url, o => o.ApiKey = "VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==");
        await adapter.Engine.CheckHealthAsync(CancellationToken.None);

        Assert.All(_node.Requests, r => Assert.Equal("ApiKey VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==", r.Authorization));
    }

    [Fact]
    public async Task A_username_and_password_are_sent_as_basic_authorization()
    {
        await using var adapter = EngineUnderTest.Create(_node.Url, o => (o.Username, o.Password) = ("elastic", "rahasia:pasar"));
        await adapter.Engine.CheckHealthAsync(CancellationToken.None);

        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("elastic:rahasia:pasar"));
        Assert.All(_node.Requests, r => Assert.Equal(expected, r.Authorization));
    }

    [Fact]
    public async Task Without_credentials_no_authorization_is_sent()
    {
        await Engine.CheckHealthAsync(CancellationToken.None);

        Assert.All(_node.Requests, r => Assert.Null(r.Authorization));
    }
}
