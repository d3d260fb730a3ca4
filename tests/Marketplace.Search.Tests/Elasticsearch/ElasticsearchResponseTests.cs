using System.Net;
using System.Net.Sockets;
using Marketplace.Search.Engines;
using Marketplace.Search.Engines.Elasticsearch;

namespace Marketplace.Search.Tests.Elasticsearch;

/// <summary>
/// How the adapter reads Elasticsearch's answers (Samples/Responses): hits, highlights and facets; and the failures —
/// 429, 5xx, a node that does not answer in time or at all, shard failures inside a 200, bulk items with errors.
/// </summary>
public sealed class ElasticsearchResponseTests : IAsyncLifetime
{
    private ElasticsearchDouble _node = null!;
    private EngineUnderTest _adapter = null!;

    private ElasticsearchEngine Engine => _adapter.Engine;

    public async Task InitializeAsync()
    {
        _node = await ElasticsearchDouble.StartAsync();
        _adapter = EngineUnderTest.Create(_node.Url, o => o.RequestTimeout = TimeSpan.FromSeconds(2));
    }

    public async Task DisposeAsync()
    {
        await _adapter.DisposeAsync();
        await _node.DisposeAsync();
    }

    [Fact]
    public async Task Hits_highlights_and_facets_are_read_from_a_search_answer()
    {
        _node.SearchResponse = Samples.Read("Responses/search-hits.json");

        var result = await Engine.SearchAsync(new SearchQuery { Text = "pempek" }, CancellationToken.None);

        Assert.Equal(2, result.Total);
        var pempek = result.Hits[0];
        Assert.Equal(SampleProducts.PempekKapalSelam.ProductId, pempek.ProductId);
        Assert.Equal("Pempek Kapal Selam", pempek.Name);
        Assert.Equal("Fish cake with egg", pempek.NameEn);
        Assert.Equal((2_500_000L, "IDR"), (pempek.PriceAmount, pempek.Currency));
        Assert.Equal((SampleProducts.PempekKapalSelam.ShopId, "pempek-cek-molen", "Pempek Cek Molen"), (pempek.ShopId, pempek.ShopSlug, pempek.ShopName));
        Assert.Equal(("16.71", "Kota Palembang", "kuliner", "Kuliner"), (pempek.CityCode, pempek.CityName, pempek.SubsectorCode, pempek.SubsectorName));
        Assert.Equal((40, true, true), (pempek.Stock, pempek.InStock, pempek.Halal));
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 3, 0, 0, TimeSpan.Zero), pempek.ListedAt);
        Assert.Equal(13.862944, pempek.Score, 5);
        Assert.Equal(["name", "description"], pempek.Highlights.Select(h => h.Field));
        Assert.Equal(["<mark>Pempek</mark> Kapal Selam"], pempek.Highlights[0].Fragments);
        Assert.Equal("https://img.example.id/songket.jpg", result.Hits[1].ImageUrl);
        Assert.False(result.Hits[1].InStock);

        Assert.Equal([new FacetCount("kuliner", "Kuliner", 4), new FacetCount("fashion", "Fashion", 1)], result.Facets.Subsector);
        Assert.Equal([new FacetCount("16.71", "Kota Palembang", 2), new FacetCount("35.73", "Kota Malang", 1)], result.Facets.City);
        Assert.Equal([new FacetCount("true", null, 1), new FacetCount("false", null, 1)], result.Facets.Halal);
        Assert.Equal(
            [new PriceRangeCount(null, 2_500_000, 0), new PriceRangeCount(2_500_000, 5_000_000, 1), new PriceRangeCount(5_000_000, 10_000_000, 0),
             new PriceRangeCount(10_000_000, 25_000_000, 0), new PriceRangeCount(25_000_000, 50_000_000, 0), new PriceRangeCount(50_000_000, null, 1)],
            result.Facets.PriceRanges);
    }

    [Fact]
    public async Task A_search_answer_without_aggregations_has_empty_facets()
    {
        var result = await Engine.SearchAsync(new SearchQuery { IncludeFacets = false }, CancellationToken.None);

        Assert.Equal(0, result.Total);
        Assert.Same(SearchFacets.Empty, result.Facets);
    }

    [Fact]
    public async Task A_429_from_the_cluster_is_engine_unavailable()
    {
        _node.Script(r => r.Path.EndsWith("/_search", StringComparison.Ordinal), DoubleResponse.Json(429, Samples.Read("Responses/error-429-rejected-execution.json")));

        var ex = await Assert.ThrowsAsync<SearchEngineUnavailableException>(() => Engine.SearchAsync(new SearchQuery { Text = "kopi" }, CancellationToken.None));
        Assert.Contains("es_rejected_execution_exception", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_503_from_the_cluster_is_engine_unavailable()
    {
        _node.Down = true;

        var ex = await Assert.ThrowsAsync<SearchEngineUnavailableException>(() => Engine.SearchAsync(new SearchQuery(), CancellationToken.None));
        Assert.Contains("master_not_discovered_exception", ex.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<SearchEngineUnavailableException>(() => Engine.UpsertAsync([SampleProducts.SongketLepus], CancellationToken.None));
    }

    [Fact]
    public async Task A_5xx_with_a_non_json_body_from_a_proxy_is_engine_unavailable()
    {
        _node.Script(_ => true, new DoubleResponse(502, "<html><body><h1>502 Bad Gateway</h1></body></html>"));

        await Assert.ThrowsAsync<SearchEngineUnavailableException>(() => Engine.SearchAsync(new SearchQuery(), CancellationToken.None));
    }

    [Fact]
    public async Task A_cluster_that_does_not_answer_in_time_is_engine_unavailable()
    {
        _node.Script(_ => true, new DoubleResponse(200, Samples.Read("Responses/search-hits.json"), Delay: TimeSpan.FromSeconds(30)));

        var started = DateTime.UtcNow;
        var ex = await Assert.ThrowsAsync<SearchEngineUnavailableException>(() => Engine.SearchAsync(new SearchQuery(), CancellationToken.None));
        Assert.Contains("within 2 s", ex.Message, StringComparison.Ordinal);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_caller_that_gives_up_cancels_the_request_on_the_wire()
    {
        // What Search:QueryTimeout relies on: the API cancels the call's token and the client must let go at once.
        _node.Script(_ => true, new DoubleResponse(200, Samples.Read("Responses/search-hits.json"), Delay: TimeSpan.FromSeconds(30)));
        await using var adapter = EngineUnderTest.Create(_node.Url, o => o.RequestTimeout = TimeSpan.FromSeconds(30));
        using var giveUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        var started = DateTime.UtcNow;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => adapter.Engine.SearchAsync(new SearchQuery { Text = "pempek" }, giveUp.Token));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
        Assert.NotEmpty(_node.Requests); // it was sent, then abandoned
    }

    [Fact]
    public async Task A_server_that_is_not_elasticsearch_is_engine_unavailable_and_says_so()
    {
        // OpenSearch, or a proxy answering in the cluster's place: no X-elastic-product header, refused by the client.
        _node.Script(_ => true, new DoubleResponse(200, "{}", new Dictionary<string, string> { ["X-elastic-product"] = "" }));

        var ex = await Assert.ThrowsAsync<SearchEngineUnavailableException>(() => Engine.SearchAsync(new SearchQuery(), CancellationToken.None));
        Assert.Contains("not Elasticsearch", ex.Message, StringComparison.Ordinal);
        var health = await Engine.CheckHealthAsync(CancellationToken.None);
        Assert.False(health.Healthy);
        Assert.Contains("not Elasticsearch", health.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cluster_that_refuses_connections_is_engine_unavailable_and_unhealthy()
    {
        var closedPort = FreeLoopbackPort();
        await using var adapter = EngineUnderTest.Create(new Uri($"http://127.0.0.1:{closedPort}"));

        await Assert.ThrowsAsync<SearchEngineUnavailableException>(() => adapter.Engine.SearchAsync(new SearchQuery(), CancellationToken.None));
        await Assert.ThrowsAsync<SearchEngineUnavailableException>(() => adapter.Engine.DeleteAsync([Guid.NewGuid()], CancellationToken.None));
        var health = await adapter.Engine.CheckHealthAsync(CancellationToken.None);
        Assert.False(health.Healthy);
        Assert.Contains("could not be reached", health.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shard_failures_inside_a_200_search_answer_are_engine_unavailable_not_partial_results()
    {
        _node.SearchResponse = Samples.Read("Responses/search-shard-failure.json");

        var ex = await Assert.ThrowsAsync<SearchEngineUnavailableException>(() => Engine.SearchAsync(new SearchQuery { Text = "songket" }, CancellationToken.None));
        Assert.Contains("1 of 2 shards failed", ex.Message, StringComparison.Ordinal);
        Assert.Contains("node_not_connected_exception", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_search_that_timed_out_on_the_shards_is_engine_unavailable()
    {
        _node.SearchResponse = Samples.Read("Responses/search-hits.json").Replace("\"timed_out\": false", "\"timed_out\": true", StringComparison.Ordinal);

        await Assert.ThrowsAsync<SearchEngineUnavailableException>(() => Engine.SearchAsync(new SearchQuery { Text = "pempek" }, CancellationToken.None));
    }

    [Fact]
    public async Task A_missing_index_is_engine_unavailable_with_a_hint_to_reindex()
    {
        _node.Script(r => r.Path.EndsWith("/_search", StringComparison.Ordinal),
            DoubleResponse.Json(404, Samples.Read("Responses/error-404-index-not-found.json").Replace("{index}", "test-products", StringComparison.Ordinal)));

        var ex = await Assert.ThrowsAsync<SearchEngineUnavailableException>(() => Engine.SearchAsync(new SearchQuery(), CancellationToken.None));
        Assert.Contains("reindex", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_query_the_cluster_refuses_is_an_adapter_error_not_an_outage()
    {
        _node.Script(r => r.Path.EndsWith("/_search", StringComparison.Ordinal), DoubleResponse.Json(400, Samples.Read("Responses/error-400-query-shard-all-failed.json")));

        var ex = await Assert.ThrowsAsync<ElasticsearchRequestException>(() => Engine.SearchAsync(new SearchQuery { Text = "x" }, CancellationToken.None));
        Assert.Equal(400, ex.Status);
        Assert.Equal("search_phase_execution_exception", ex.ErrorType);
        Assert.Contains("does not support fuzzy queries", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_credentials_are_reported_with_elasticsearch_reason()
    {
        _node.Script(_ => true, DoubleResponse.Json(401, Samples.Read("Responses/error-401-security.json")));

        var health = await Engine.CheckHealthAsync(CancellationToken.None);

        Assert.False(health.Healthy);
        Assert.Contains("security_exception", health.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bulk_answer_with_errors_true_and_a_rejected_item_is_engine_unavailable_so_the_outbox_retries()
    {
        _node.Script(r => r.Path == "/_bulk", DoubleResponse.Json(200, Samples.Read("Responses/bulk-errors-retryable.json")));

        var ex = await Assert.ThrowsAsync<SearchEngineUnavailableException>(
            () => Engine.UpsertAsync([SampleProducts.PempekKapalSelam, SampleProducts.SongketLepus], CancellationToken.None));
        Assert.Contains("1 bulk item(s) failed", ex.Message, StringComparison.Ordinal);
        Assert.Contains("9b2e1c4a-63c1-4b8e-9f0e-5d7a1b2c3d4e", ex.Message, StringComparison.Ordinal);
        Assert.Contains("429 es_rejected_execution_exception", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bulk_item_refused_by_the_mapping_fails_the_write_with_the_reason()
    {
        _node.Script(r => r.Path == "/_bulk", DoubleResponse.Json(200, Samples.Read("Responses/bulk-errors-mapping.json")));

        var ex = await Assert.ThrowsAsync<ElasticsearchRequestException>(() => Engine.UpsertAsync([SampleProducts.PempekKapalSelam], CancellationToken.None));
        Assert.Equal(400, ex.Status);
        Assert.Contains("document_parsing_exception", ex.Message, StringComparison.Ordinal);
        Assert.Contains("failed to parse field [priceAmount]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_absent_products_is_not_an_error()
    {
        _node.Script(r => r.Path == "/_bulk", DoubleResponse.Json(200, Samples.Read("Responses/bulk-deletes-not-found.json")));

        await Engine.DeleteAsync([SampleProducts.AbsentProduct], CancellationToken.None);
    }

    [Fact]
    public async Task A_whole_bulk_request_rejected_with_429_is_engine_unavailable()
    {
        _node.Script(r => r.Path == "/_bulk", DoubleResponse.Json(429, Samples.Read("Responses/error-429-rejected-execution.json")));

        await Assert.ThrowsAsync<SearchEngineUnavailableException>(() => Engine.UpsertAsync([SampleProducts.SongketLepus], CancellationToken.None));
    }

    [Fact]
    public async Task A_green_cluster_is_healthy_and_a_red_one_is_not()
    {
        await Engine.EnsureIndexAsync(CancellationToken.None);
        var green = await Engine.CheckHealthAsync(CancellationToken.None);
        Assert.True(green.Healthy);
        Assert.Equal("Elasticsearch cluster green, 1 node(s), alias test-products → test-products-initial.", green.Description);

        _node.Script(r => r.Path == "/_cluster/health", DoubleResponse.Json(200, Samples.Read("Responses/cluster-health-red.json")));
        var red = await Engine.CheckHealthAsync(CancellationToken.None);
        Assert.False(red.Healthy);
        Assert.Contains("red", red.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cluster_without_the_index_alias_is_not_ready()
    {
        var health = await Engine.CheckHealthAsync(CancellationToken.None);

        Assert.False(health.Healthy);
        Assert.Contains("alias test-products is missing", health.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_answers_again_once_the_cluster_is_back()
    {
        _node.Down = true;
        await Assert.ThrowsAsync<SearchEngineUnavailableException>(() => Engine.SearchAsync(new SearchQuery(), CancellationToken.None));

        _node.Down = false;
        var result = await Engine.SearchAsync(new SearchQuery(), CancellationToken.None);
        Assert.Empty(result.Hits);
    }

    [Fact]
    public async Task An_engine_that_was_down_at_start_up_creates_its_index_on_first_use()
    {
        _node.Down = true;
        await Assert.ThrowsAsync<SearchEngineUnavailableException>(() => Engine.EnsureIndexAsync(CancellationToken.None));

        _node.Down = false;
        await Engine.UpsertAsync([SampleProducts.SongketLepus], CancellationToken.None);

        Assert.Equal(["test-products-initial"], _node.IndicesBehind("test-products"));
        Assert.Single(_node.RequestsTo("POST", "/_bulk"));
    }

    [Fact]
    public async Task After_the_index_is_deleted_behind_its_back_the_next_write_fails_and_the_one_after_recreates_it()
    {
        await Engine.EnsureIndexAsync(CancellationToken.None);
        _node.Script(r => r.Path == "/_bulk", DoubleResponse.Json(200, """
            {"took":1,"errors":true,"items":[{"index":{"_index":"test-products","_id":"9b2e1c4a-63c1-4b8e-9f0e-5d7a1b2c3d4e","status":404,
             "error":{"type":"index_not_found_exception","reason":"no such index [test-products] and [require_alias] request flag is [true] and [test-products] is not an alias","index":"test-products"}}}]}
            """), once: true);
        _node.RemoveAlias("test-products-initial", "test-products");

        await Assert.ThrowsAsync<SearchEngineUnavailableException>(() => Engine.UpsertAsync([SampleProducts.SongketLepus], CancellationToken.None));
        _node.ClearRequests();
        await Engine.UpsertAsync([SampleProducts.SongketLepus], CancellationToken.None);

        // The rebuild marker lookup is still cached from the first write.
        Assert.Equal(["test-products-initial"], _node.IndicesBehind("test-products"));
        Assert.Equal(["GET /_alias/test-products", "PUT /test-products-initial", "GET /_alias/test-products", "POST /_aliases", "POST /_bulk"],
            _node.Requests.Select(r => r.ToString()));
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
