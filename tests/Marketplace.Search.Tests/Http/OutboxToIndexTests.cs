using Marketplace.BuildingBlocks.Caching;
using Marketplace.BuildingBlocks.Modules;
using Marketplace.Search.Indexing;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Search.Tests.Http;

/// <summary>
/// The index follows the Catalog through the outbox, end to end over HTTP: the Catalog's routes change products and
/// shops, the Search routes find them. Nothing drains the outbox by hand here unless a test says why: the real
/// dispatcher and the engine's near-real-time refresh must make a change searchable on their own. (The engines refresh
/// about once a second; how fast a change shows is measured in bench/, not timed here: on a busy 2-core machine a
/// two-second wait failed now and then with nothing wrong.)
/// </summary>
public abstract class OutboxToIndexTests(SearchApp app)
{
    private static readonly TimeSpan Promise = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_published_product_is_found_without_an_explicit_refresh()
    {
        var (merchant, shop) = await app.ShopAsync();
        var word = SearchApp.UniqueWord();
        var id = await SearchApp.CreateProductAsync(merchant, shop, $"Bolu Kemojo {word}");

        await Eventually.HoldsAsync(async () => (await app.FoundAsync(word)).Contains(id), Promise, "published product not found");
    }

    [Fact]
    public async Task A_draft_is_never_found()
    {
        var (merchant, shop) = await app.ShopAsync();
        var word = SearchApp.UniqueWord();
        await SearchApp.CreateProductAsync(merchant, shop, $"Draf {word}", publish: false);
        await app.DrainOutboxAsync();
        await app.Services.GetRequiredService<Engines.ISearchEngine>().RefreshAsync(CancellationToken.None);
        Assert.Empty(await app.FoundAsync(word));
    }

    [Fact]
    public async Task Unpublishing_or_deleting_removes_a_product_from_search()
    {
        var (merchant, shop) = await app.ShopAsync();
        var word = SearchApp.UniqueWord();
        var first = await SearchApp.CreateProductAsync(merchant, shop, $"Kue Maksuba {word}");
        var second = await SearchApp.CreateProductAsync(merchant, shop, $"Kue Srikaya {word}");
        await Eventually.HoldsAsync(async () => (await app.FoundAsync(word)).Count == 2, Promise);

        await (await merchant.PostAsync($"/api/v1/products/{first}/unpublish")).ShouldHaveStatusAsync(200);
        await Eventually.HoldsAsync(async () => !(await app.FoundAsync(word)).Contains(first), Promise, "unpublished product still found");

        await (await merchant.DeleteAsync($"/api/v1/products/{second}")).ShouldHaveStatusAsync(204);
        await Eventually.HoldsAsync(async () => (await app.FoundAsync(word)).Count == 0, Promise, "deleted product still found");
    }

    [Fact]
    public async Task Edits_and_stock_changes_reach_the_index()
    {
        var (merchant, shop) = await app.ShopAsync();
        var word = SearchApp.UniqueWord();
        var renamed = SearchApp.UniqueWord();
        var id = await SearchApp.CreateProductAsync(merchant, shop, $"Lempok Durian {word}", stock: 5);
        await Eventually.HoldsAsync(async () => (await app.FoundAsync(word)).Contains(id), Promise);

        await (await merchant.PutAsync($"/api/v1/products/{id}/stock", new { quantity = 0 })).ShouldHaveStatusAsync(200);
        await Eventually.HoldsAsync(async () =>
            (await app.SearchAsync($"q={word}&inStock=false"))["total"]!.GetValue<long>() == 1, Promise, "stock change not indexed");

        await (await merchant.PatchAsync($"/api/v1/products/{id}", new { name = $"Lempok Durian {renamed}" })).ShouldHaveStatusAsync(200);
        await Eventually.HoldsAsync(async () => (await app.FoundAsync(renamed)).Contains(id), Promise, "rename not indexed");
        Assert.Empty(await app.FoundAsync(word));
    }

    [Fact]
    public async Task A_suspended_shops_products_disappear_and_come_back_when_reinstated()
    {
        var (merchant, shop) = await app.ShopAsync();
        var word = SearchApp.UniqueWord();
        var id = await SearchApp.CreateProductAsync(merchant, shop, $"Tekwan Instan {word}");
        await Eventually.HoldsAsync(async () => (await app.FoundAsync(word)).Contains(id), Promise);

        var admin = await app.AdminAsync();
        await (await admin.PostAsync($"/api/v1/shops/{shop}/suspend", new { reason = "Uji penangguhan" })).ShouldHaveStatusAsync(200);
        await Eventually.HoldsAsync(async () => (await app.FoundAsync(word)).Count == 0, Promise, "suspended shop's product still found");

        await (await admin.PostAsync($"/api/v1/shops/{shop}/reinstate")).ShouldHaveStatusAsync(200);
        await Eventually.HoldsAsync(async () => (await app.FoundAsync(word)).Contains(id), Promise, "reinstated shop's product not found");
    }

    [Fact]
    public async Task An_event_whose_indexing_failed_is_redelivered_and_the_product_becomes_findable()
    {
        // The product commits with its event; indexing then fails (the engine throws, as after a crash between the
        // commit and the index write). The outbox keeps the event and redelivers it with back-off.
        var (merchant, shop) = await app.ShopAsync();
        var word = SearchApp.UniqueWord();
        var failedBefore = app.Faults.FailedWrites;
        app.Faults.FailNextWrites(2);
        try
        {
            var id = await SearchApp.CreateProductAsync(merchant, shop, $"Model Ikan {word}");
            await Eventually.HoldsAsync(() => Task.FromResult(app.Faults.FailedWrites >= failedBefore + 2), TimeSpan.FromSeconds(5), "the engine was not called");
            await Eventually.HoldsAsync(async () => (await app.FoundAsync(word)).Contains(id), TimeSpan.FromSeconds(6), "redelivered event did not index the product");
        }
        finally
        {
            app.Faults.FailNextWrites(0);
        }
    }

    [Fact]
    public async Task A_repeated_query_is_answered_from_the_result_cache_for_about_a_second()
    {
        var word = SearchApp.UniqueWord();
        var url = $"/api/v1/search/products?q={word}+tahu";
        await (await app.Anonymous().GetAsync(url)).ShouldHaveStatusAsync(200);
        app.Faults.Down = true;
        try
        {
            // The same query right away is served without the engine…
            await (await app.Anonymous().GetAsync(url)).ShouldHaveStatusAsync(200);
            // …any other one needs it…
            await (await app.Anonymous().GetAsync($"/api/v1/search/products?q={word}+tempe")).ShouldBeProblemAsync(503);
            // …and the cached page does not outlive its second.
            await Eventually.HoldsAsync(
                async () => (await app.Anonymous().GetAsync(url)).StatusCode == System.Net.HttpStatusCode.ServiceUnavailable,
                TimeSpan.FromSeconds(3), "the cached result page should expire after about a second");
        }
        finally
        {
            app.Faults.Down = false;
        }
    }

    [Fact]
    public async Task While_the_engine_is_down_search_answers_503_and_readiness_says_so_and_indexing_resumes_after()
    {
        var (merchant, shop) = await app.ShopAsync();
        var word = SearchApp.UniqueWord();
        app.Faults.Down = true;
        Guid id;
        try
        {
            id = await SearchApp.CreateProductAsync(merchant, shop, $"Pindang Patin {word}");
            var response = await app.Anonymous().GetAsync("/api/v1/search/products?q=pindang");
            var problem = await response.ShouldBeProblemAsync(503, code: "search.unavailable");
            Assert.Equal("urn:marketplace:problem:search.unavailable", problem["type"]!.GetValue<string>());
            Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
            await (await app.Anonymous().GetAsync("/api/v1/search/suggest?q=pin")).ShouldBeProblemAsync(503);

            var ready = await app.Anonymous().GetJsonAsync("/health/ready");
            Assert.Equal("degraded", ready["checks"]!["search"]!["status"]!.GetValue<string>());

            // The rest of the site is unaffected.
            await (await app.Anonymous().GetAsync($"/api/v1/products/{id}")).ShouldHaveStatusAsync(200);
        }
        finally
        {
            app.Faults.Down = false;
        }

        await Eventually.HoldsAsync(async () => (await app.FoundAsync(word)).Contains(id), TimeSpan.FromSeconds(8), "indexing did not resume");
        var after = await app.Anonymous().GetJsonAsync("/health/ready");
        Assert.Equal("healthy", after["checks"]!["search"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Reindex_rebuilds_from_the_store_and_search_stays_online()
    {
        var (merchant, shop) = await app.ShopAsync();
        var word = SearchApp.UniqueWord();
        var id = await SearchApp.CreateProductAsync(merchant, shop, $"Kerupuk Kulit {word}");
        await Eventually.HoldsAsync(async () => (await app.FoundAsync(word)).Contains(id), Promise);

        // Lose the product from the index behind the Catalog's back; only a rebuild from the store brings it back.
        var engine = app.Services.GetRequiredService<Engines.ISearchEngine>();
        await engine.DeleteAsync([id], CancellationToken.None);
        await engine.RefreshAsync(CancellationToken.None);
        // As every index write does, evict the cached result pages (they would otherwise live up to a second).
        await app.Services.GetRequiredService<ReadThroughCache>().InvalidateAsync(["search:results"]);
        Assert.Empty(await app.FoundAsync(word));

        var before = (await app.SearchAsync("pageSize=1"))["total"]!.GetValue<long>();
        var verb = app.Services.GetServices<ICommandLineVerb>().Single(v => v.Name == "reindex");
        var searching = Task.Run(async () =>
        {
            // Searches during the rebuild keep answering 200.
            for (var i = 0; i < 20; i++)
            {
                await (await app.Anonymous().GetAsync("/api/v1/search/products?q=kerupuk")).ShouldHaveStatusAsync(200);
            }
        });
        Assert.Equal(0, await verb.RunAsync(app.Services, [], CancellationToken.None));
        await searching;

        Assert.Contains(id, await app.FoundAsync(word));
        Assert.Equal(before + 1, (await app.SearchAsync("pageSize=1"))["total"]!.GetValue<long>());
    }

    [Fact]
    public async Task Readiness_includes_the_search_engine()
    {
        var ready = await app.Anonymous().GetJsonAsync("/health/ready");
        Assert.Equal("healthy", ready["checks"]!["search"]!["status"]!.GetValue<string>());
    }
}

[Collection(SearchAppCollection.Name)]
public sealed class OutboxToIndexOnSqliteTests(SearchApp app) : OutboxToIndexTests(app);

[Collection(SearchAppOnPostgresCollection.Name)]
public sealed class OutboxToIndexOnPostgresTests(SearchAppOnPostgres app) : OutboxToIndexTests(app);
