using System.Text.Json.Nodes;
using Marketplace.BuildingBlocks.Modules;
using Marketplace.Search.Indexing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Search.Tests.Elasticsearch;

[CollectionDefinition(Name)]
public sealed class ElasticsearchAppCollection : ICollectionFixture<ElasticsearchApp>
{
    public const string Name = "elasticsearch-app";
}

[CollectionDefinition(Name)]
public sealed class ElasticsearchAppOnPostgresCollection : ICollectionFixture<ElasticsearchAppOnPostgres>
{
    public const string Name = "elasticsearch-app-postgres";
}

public sealed class ElasticsearchAppOnPostgres : ElasticsearchApp
{
    public ElasticsearchAppOnPostgres() => Provider = StoreProvider.Postgres;
}

/// <summary>
/// The whole app configured for Elasticsearch (<c>Search:Engine=Elasticsearch</c>, <c>Search:Elasticsearch:Url</c>) —
/// the real module registration, HTTP pipeline, outbox and health checks — against <see cref="ElasticsearchDouble"/>.
/// </summary>
public class ElasticsearchApp : MarketplaceApp, IAsyncLifetime
{
    internal ElasticsearchDouble Node { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        Node = await ElasticsearchDouble.StartAsync();
        Settings["Search:Engine"] = "Elasticsearch";
        Settings["Search:Elasticsearch:Url"] = Node.Url.ToString();
        Settings["Search:Elasticsearch:IndexPrefix"] = "e2e-";
        Settings["Search:Elasticsearch:ApiKey"] = "ZTJlOnRlc3Qta2V5";
        Settings["Search:Elasticsearch:RequestTimeout"] = "00:00:03";
        Settings["Search:RetryAfterSeconds"] = "7";
        await base.InitializeAsync();
        // The index was created empty at start-up, so the app fills it from the store in the background: let it finish.
        await Services.GetRequiredService<SearchIndexStartup>().Rebuild;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // AddSearchModule picks the engine while Program.cs registers services, before the test's in-memory settings
        // are applied; host settings given here reach Program.cs's configuration from the start.
        builder.UseSetting("Search:Engine", "Elasticsearch");
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAndDeleteStoreAsync();
        await Node.DisposeAsync();
    }
}

/// <summary>Search, indexing and health through the app's HTTP API with Elasticsearch as the engine.</summary>
public abstract class ElasticsearchEndToEndTests(ElasticsearchApp app)
{
    private ElasticsearchDouble Node => app.Node;

    [Fact]
    public async Task The_app_creates_its_index_and_alias_at_start_up_with_the_api_key()
    {
        // (Another test may have reindexed since; the start-up request is still on record.)
        var create = Assert.Single(Node.RequestsTo("PUT", "/e2e-products-initial"));
        JsonAssert.Equal("""{"e2e-products":{}}""", create.Json["aliases"]);
        Assert.Equal("ApiKey ZTJlOnRlc3Qta2V5", create.Authorization);
        Assert.Equal("strict", create.Json["mappings"]!["dynamic"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_index_created_empty_at_start_up_was_rebuilt_from_the_store_and_swapped_in()
    {
        var rebuilt = Node.RequestsTo("POST", "/_aliases").First().Json["actions"]!.AsArray();
        JsonAssert.Equal("""{"remove":{"index":"e2e-products-initial","alias":"e2e-products"}}""", rebuilt[0]);
        Assert.Single(Node.RequestsTo("DELETE", "/e2e-products-initial"));
    }

    [Fact]
    public async Task A_search_answers_with_the_hits_and_facets_elasticsearch_returned()
    {
        Node.Script(r => r.Path == "/e2e-products/_search" && r.Body.Contains("\"pempek\"", StringComparison.Ordinal),
            DoubleResponse.Json(200, Samples.Read("Responses/search-hits.json")));

        var result = await app.Anonymous().GetJsonAsync("/api/v1/search/products?q=pempek&city=16.71&sort=relevance&page=1&pageSize=10");

        Assert.Equal(2, result["total"]!.GetValue<long>());
        var hit = result["items"]![0]!;
        Assert.Equal("0f8fad5b-d9cb-469f-a165-70867728950e", hit["productId"]!.GetValue<string>());
        Assert.Equal("Pempek Kapal Selam", hit["name"]!.GetValue<string>());
        Assert.Equal(2_500_000, hit["price"]!["amount"]!.GetValue<long>());
        Assert.Equal("pempek-cek-molen", hit["shop"]!["slug"]!.GetValue<string>());
        Assert.Equal("16.71", hit["city"]!["code"]!.GetValue<string>());
        Assert.Equal("<mark>Pempek</mark> Kapal Selam", hit["highlights"]!["name"]![0]!.GetValue<string>());
        Assert.False(result["items"]![1]!["inStock"]!.GetValue<bool>());
        var facets = result["facets"]!;
        Assert.Equal("kuliner", facets["subsector"]![0]!["value"]!.GetValue<string>());
        Assert.Equal(4, facets["subsector"]![0]!["count"]!.GetValue<long>());
        Assert.Equal(6, facets["priceRanges"]!.AsArray().Count);

        var sent = Node.RequestsTo("POST", "/e2e-products/_search").Last(r => r.Body.Contains("\"pempek\"", StringComparison.Ordinal)).Json;
        JsonAssert.Equal("""{"bool":{"filter":{"term":{"cityCode":{"value":"16.71"}}}}}""", sent["post_filter"]);
        Assert.Equal(10, sent["size"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_published_product_reaches_elasticsearch_through_the_outbox_and_unpublishing_deletes_it()
    {
        var (merchant, productId) = await PublishProductAsync();

        var indexed = await BulkLineAsync("index", productId);
        Assert.Contains("\"_index\":\"e2e-products\"", indexed.Action, StringComparison.Ordinal);
        var source = JsonNode.Parse(indexed.Source!)!;
        Assert.Equal("Bolu Kemojo Pandan", source["name"]!.GetValue<string>());
        Assert.Equal(3_500_000, source["priceAmount"]!.GetValue<long>());
        Assert.True(source["halal"]!.GetValue<bool>());

        await (await merchant.PostAsync($"/api/v1/products/{productId}/unpublish")).ShouldHaveStatusAsync(200);
        await BulkLineAsync("delete", productId);
    }

    [Fact]
    public async Task A_stock_change_reaches_elasticsearch_as_a_partial_update_without_reindexing_the_product()
    {
        var (merchant, productId) = await PublishProductAsync();
        await BulkLineAsync("index", productId);
        var id = productId.ToString();
        int IndexActions() => Node.RequestsTo("POST", "/_bulk").Sum(r => r.Body.Split('\n').Count(l => l.StartsWith("{\"index\":", StringComparison.Ordinal) && l.Contains(id, StringComparison.Ordinal)));
        var indexed = IndexActions();

        await (await merchant.PutAsync($"/api/v1/products/{productId}/stock", new { quantity = 0 })).ShouldHaveStatusAsync(200);

        var update = await BulkLineAsync("update", productId);
        Assert.Contains("\"_index\":\"e2e-products\"", update.Action, StringComparison.Ordinal);
        Assert.Equal(0, JsonNode.Parse(update.Source!)!["script"]!["params"]!["stock"]!.GetValue<int>());
        var stored = Node.Document("e2e-products", id)!;
        Assert.Equal((0, "Bolu Kemojo Pandan"), (stored["stock"]!.GetValue<int>(), stored["name"]!.GetValue<string>()));
        Assert.Equal(indexed, IndexActions());
    }

    [Fact]
    public async Task When_elasticsearch_is_down_search_answers_503_with_retry_after_and_ready_is_degraded_until_it_returns()
    {
        var anonymous = app.Anonymous();
        var query = "/api/v1/search/products?q=songket+" + Http.SearchApp.UniqueWord(); // a query the 1-second result cache has not seen
        Node.Down = true;
        try
        {
            var search = await anonymous.GetAsync(query);
            var problem = await search.ShouldBeProblemAsync(503);
            Assert.Equal("7", search.Headers.RetryAfter?.ToString());
            Assert.Equal("search.unavailable", problem["code"]?.GetValue<string>());
            await (await anonymous.GetAsync("/api/v1/search/suggest?q=song")).ShouldBeProblemAsync(503);

            var ready = await anonymous.GetJsonAsync("/health/ready", expectedStatus: 200);
            Assert.Equal("degraded", ready["status"]!.GetValue<string>());
            Assert.Equal("degraded", ready["checks"]!["search"]!["status"]!.GetValue<string>());
            Assert.Contains("master_not_discovered_exception", ready["checks"]!["search"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        }
        finally
        {
            Node.Down = false;
        }

        await (await anonymous.GetAsync(query)).ShouldHaveStatusAsync(200);
        var back = await anonymous.GetJsonAsync("/health/ready");
        Assert.Equal("healthy", back["checks"]!["search"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task When_elasticsearch_hangs_search_answers_503_within_its_timeout_the_rest_of_the_site_works_and_changes_are_indexed_after()
    {
        var anonymous = app.Anonymous();
        // Warm: the first request of a fresh host compiles its pipeline, which is not what this test measures.
        await (await anonymous.GetAsync("/api/v1/search/products?q=warm")).ShouldHaveStatusAsync(200);
        await anonymous.GetAsync("/health/ready");
        var query = "/api/v1/search/products?q=songket+" + Http.SearchApp.UniqueWord(); // not one the result cache has seen
        // Every request to the cluster is held for a minute: a node stuck in GC or a network black hole.
        Node.Script(_ => true, new DoubleResponse(200, "{}", Delay: TimeSpan.FromMinutes(1)));
        (ApiClient Merchant, Guid ProductId) published;
        try
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var search = await anonymous.GetAsync(query);
            var took = clock.Elapsed;
            var problem = await search.ShouldBeProblemAsync(503);
            Assert.Equal("search.unavailable", problem["code"]?.GetValue<string>());
            Assert.Equal("7", search.Headers.RetryAfter?.ToString());
            Assert.True(took < TimeSpan.FromSeconds(6), $"search answered after {took.TotalMilliseconds:0} ms (request time-out 3 s)");

            clock.Restart();
            var ready = await anonymous.GetJsonAsync("/health/ready", expectedStatus: 200);
            Assert.Equal("degraded", ready["checks"]!["search"]!["status"]!.GetValue<string>());
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(6), $"/health/ready answered after {clock.Elapsed.TotalMilliseconds:0} ms");

            // Shopping does not need the engine: a product is published and read while it hangs.
            clock.Restart();
            published = await PublishProductAsync();
            await (await anonymous.GetAsync($"/api/v1/products/{published.ProductId}")).ShouldHaveStatusAsync(200);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(6), $"publishing and reading a product took {clock.Elapsed.TotalMilliseconds:0} ms");
        }
        finally
        {
            Node.ClearScripts();
        }

        // Answering again: the change made during the hang reaches the index through the outbox.
        await Eventually.HoldsAsync(
            () => Task.FromResult(Node.RequestsTo("POST", "/_bulk").Any(r => r.Body.Contains(published.ProductId.ToString(), StringComparison.Ordinal))),
            TimeSpan.FromSeconds(30), "the change made while the cluster hung is indexed once it answers");
        await (await anonymous.GetAsync(query)).ShouldHaveStatusAsync(200);
    }

    [Fact]
    public async Task Changes_made_while_elasticsearch_is_down_are_indexed_once_it_returns()
    {
        Node.Script(r => r.Path == "/_bulk", DoubleResponse.Json(429, Samples.Read("Responses/error-429-rejected-execution.json")));
        (ApiClient Merchant, Guid ProductId) published;
        try
        {
            published = await PublishProductAsync();
            // The outbox tried and was refused (429): the event stays pending.
            await Eventually.HoldsAsync(() => Task.FromResult(Node.RequestsTo("POST", "/_bulk").Any(r => r.Body.Contains(published.ProductId.ToString(), StringComparison.Ordinal))),
                TimeSpan.FromSeconds(5), "the outbox did not try to index while the cluster refused");
        }
        finally
        {
            Node.ClearScripts();
        }

        var before = Node.RequestsTo("POST", "/_bulk").Count(r => r.Body.Contains(published.ProductId.ToString(), StringComparison.Ordinal));
        await Eventually.HoldsAsync(
            () => Task.FromResult(Node.RequestsTo("POST", "/_bulk").Count(r => r.Body.Contains(published.ProductId.ToString(), StringComparison.Ordinal)) > before),
            TimeSpan.FromSeconds(10), "the refused change was not retried once the cluster accepted writes again");
    }

    [Fact]
    public async Task The_reindex_verb_loads_a_new_index_from_the_store_and_swaps_the_alias()
    {
        var (_, productId) = await PublishProductAsync();
        await BulkLineAsync("index", productId);
        var before = Assert.Single(Node.IndicesBehind("e2e-products"));

        var verb = app.Services.GetServices<ICommandLineVerb>().Single(v => v.Name == "reindex");
        Assert.Equal(0, await verb.RunAsync(app.Services, [], CancellationToken.None));

        var after = Assert.Single(Node.IndicesBehind("e2e-products"));
        Assert.Matches("^e2e-products-[0-9]{17}$", after);
        Assert.DoesNotContain(before, Node.Indices);
        Assert.Empty(Node.IndicesBehind("e2e-products-rebuilding"));
        var load = Node.RequestsTo("POST", "/_bulk").Where(r => r.Body.Contains($"\"_index\":\"{after}\"", StringComparison.Ordinal)).ToList();
        Assert.Contains(load, r => r.Body.Contains(productId.ToString(), StringComparison.Ordinal));
        var swap = Node.RequestsTo("POST", "/_aliases").Last().Json;
        JsonAssert.Equal(
            Samples.Read("Requests/alias-swap.json").Replace("test-products", "e2e-products", StringComparison.Ordinal)
                .Replace("{oldIndex}", before, StringComparison.Ordinal).Replace("{newIndex}", after, StringComparison.Ordinal),
            swap);
    }

    private async Task<(ApiClient Merchant, Guid ProductId)> PublishProductAsync()
    {
        var merchant = await app.SignUpAsync("merchant");
        var shop = await merchant.PostAsync("/api/v1/shops", new { name = "Toko Bolu " + Guid.NewGuid().ToString("N")[..8], cityCode = "16.71", subsectors = new[] { "kuliner" } });
        await shop.ShouldHaveStatusAsync(201);
        var shopId = Guid.Parse((await shop.JsonAsync())["id"]!.GetValue<string>());
        var created = await merchant.PostAsync($"/api/v1/shops/{shopId}/products", new
        {
            name = "Bolu Kemojo Pandan",
            description = "Bolu khas Riau dan Palembang.",
            price = new { amount = 3_500_000, currency = "IDR" },
            subsector = "kuliner",
            stock = 12,
            attributes = new { halalCertificate = "ID16110000123450823" },
        });
        await created.ShouldHaveStatusAsync(201);
        var productId = Guid.Parse((await created.JsonAsync())["id"]!.GetValue<string>());
        await (await merchant.PostAsync($"/api/v1/products/{productId}/publish")).ShouldHaveStatusAsync(200);
        return (merchant, productId);
    }

    /// <summary>Waits (within 2 s, the module's promise) for a bulk action of that kind on that product; returns it and its source line.</summary>
    private async Task<(string Action, string? Source)> BulkLineAsync(string action, Guid productId)
    {
        (string, string?)? found = null;
        await Eventually.HoldsAsync(() =>
        {
            foreach (var bulk in Node.RequestsTo("POST", "/_bulk"))
            {
                var lines = bulk.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries);
                for (var i = 0; i < lines.Length; i++)
                {
                    if (lines[i].StartsWith($"{{\"{action}\":", StringComparison.Ordinal) && lines[i].Contains(productId.ToString(), StringComparison.Ordinal))
                    {
                        found = (lines[i], action == "delete" ? null : lines[i + 1]);
                        return Task.FromResult(true);
                    }
                }
            }

            return Task.FromResult(false);
        }, TimeSpan.FromSeconds(2), $"no bulk {action} of {productId} within 2 s");
        return found!.Value;
    }
}

[Collection(ElasticsearchAppCollection.Name)]
public sealed class ElasticsearchEndToEndOnSqliteTests(ElasticsearchApp app) : ElasticsearchEndToEndTests(app);

[Collection(ElasticsearchAppOnPostgresCollection.Name)]
public sealed class ElasticsearchEndToEndOnPostgresTests(ElasticsearchAppOnPostgres app) : ElasticsearchEndToEndTests(app);
