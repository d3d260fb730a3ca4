using System.Text.Json.Nodes;
using Marketplace.Search.Engines;
using Marketplace.Search.Engines.Lucene;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Search.Tests.Http;

[CollectionDefinition(Name)]
public sealed class SearchAppCollection : ICollectionFixture<SearchApp>
{
    public const string Name = "search-app";
}

[CollectionDefinition(Name)]
public sealed class SearchAppOnPostgresCollection : ICollectionFixture<SearchAppOnPostgres>
{
    public const string Name = "search-app-postgres";
}

public sealed class SearchAppOnPostgres : SearchApp
{
    public SearchAppOnPostgres() => Provider = StoreProvider.Postgres;
}

/// <summary>
/// The whole app on the embedded Lucene engine, with a switch that makes the engine fail (<see cref="Faults"/>):
/// the only way to take an embedded engine "down" on demand. It wraps the real engine and otherwise passes through.
/// </summary>
public class SearchApp : MarketplaceApp
{
    internal FaultInjectingSearchEngine Faults { get; private set; } = null!;

    protected override void ConfigureTestServices(IWebHostBuilder builder) =>
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(sp => Faults = new FaultInjectingSearchEngine(sp.GetRequiredService<LuceneSearchEngine>()));
            services.AddSingleton<ISearchEngine>(sp => sp.GetRequiredService<FaultInjectingSearchEngine>());
        });

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        // The index is new, so the service rebuilds it from the (empty) store at start-up; let that finish first.
        await Services.GetRequiredService<Indexing.SearchIndexStartup>().Rebuild;
    }

    /// <summary>A word no other test uses (letters only, so every analyser keeps it whole).</summary>
    public static string UniqueWord()
    {
        const string letters = "bcdfghjklmnpqrstvwxyz";
        const string vowels = "aiueo";
        var random = Random.Shared;
        var chars = new char[9];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = i % 2 == 0 ? letters[random.Next(letters.Length)] : vowels[random.Next(vowels.Length)];
        }

        return "zq" + new string(chars);
    }

    public async Task<(ApiClient Merchant, Guid ShopId)> ShopAsync(string city = "16.71")
    {
        var merchant = await SignUpAsync("merchant");
        var response = await merchant.PostAsync("/api/v1/shops", new
        {
            name = "Toko Uji " + UniqueWord(),
            cityCode = city,
            subsectors = new[] { "kuliner" },
        });
        await response.ShouldHaveStatusAsync(201);
        return (merchant, Guid.Parse((await response.JsonAsync())["id"]!.GetValue<string>()));
    }

    public static async Task<Guid> CreateProductAsync(ApiClient merchant, Guid shopId, string name, long amount = 3_500_000, int stock = 10, bool publish = true)
    {
        var response = await merchant.PostAsync($"/api/v1/shops/{shopId}/products", new
        {
            name,
            nameEn = "Test product",
            description = "Produk uji untuk pencarian.",
            price = new { amount, currency = "IDR" },
            subsector = "kuliner",
            category = "Uji",
            stock,
            attributes = new { halalCertificate = "ID16110000123450823" },
        });
        await response.ShouldHaveStatusAsync(201);
        var id = Guid.Parse((await response.JsonAsync())["id"]!.GetValue<string>());
        if (publish)
        {
            await (await merchant.PostAsync($"/api/v1/products/{id}/publish")).ShouldHaveStatusAsync(200);
        }

        return id;
    }

    public async Task<JsonNode> SearchAsync(string query) => await Anonymous().GetJsonAsync("/api/v1/search/products?" + query);

    public async Task<IReadOnlyList<Guid>> FoundAsync(string word) =>
        (await SearchAsync("q=" + Uri.EscapeDataString(word))!)["items"]!.AsArray()
            .Select(i => Guid.Parse(i!["productId"]!.GetValue<string>())).ToList();
}

/// <summary>Passes every call to the real engine unless told to fail (engine down, or the next N writes fail).</summary>
internal sealed class FaultInjectingSearchEngine(ISearchEngine inner) : ISearchEngine
{
    private int _failingWrites;

    public volatile bool Down;

    public int FailedWrites;

    public void FailNextWrites(int count) => Interlocked.Exchange(ref _failingWrites, count);

    public string Name => inner.Name;

    public Task EnsureIndexAsync(CancellationToken ct) => inner.EnsureIndexAsync(ct);

    public Task UpsertAsync(IReadOnlyCollection<SearchDocument> documents, CancellationToken ct)
    {
        ThrowIfWriteFails();
        return inner.UpsertAsync(documents, ct);
    }

    public Task<IReadOnlyCollection<Guid>> UpdateStockAsync(IReadOnlyCollection<StockChange> changes, CancellationToken ct)
    {
        ThrowIfWriteFails();
        return inner.UpdateStockAsync(changes, ct);
    }

    public Task DeleteAsync(IReadOnlyCollection<Guid> productIds, CancellationToken ct)
    {
        ThrowIfWriteFails();
        return inner.DeleteAsync(productIds, ct);
    }

    public Task RefreshAsync(CancellationToken ct) => inner.RefreshAsync(ct);

    public Task<SearchResult> SearchAsync(SearchQuery query, CancellationToken ct)
    {
        ThrowIfDown();
        return inner.SearchAsync(query, ct);
    }

    public Task<IReadOnlyList<Suggestion>> SuggestAsync(SuggestQuery query, CancellationToken ct)
    {
        ThrowIfDown();
        return inner.SuggestAsync(query, ct);
    }

    public Task<SearchEngineHealth> CheckHealthAsync(CancellationToken ct) =>
        Down ? Task.FromResult(new SearchEngineHealth(false, "down (fault injected by the test)")) : inner.CheckHealthAsync(ct);

    public Task<IIndexRebuild> BeginRebuildAsync(CancellationToken ct)
    {
        ThrowIfDown();
        return inner.BeginRebuildAsync(ct);
    }

    private void ThrowIfDown()
    {
        if (Down)
        {
            throw new SearchEngineUnavailableException("down (fault injected by the test)");
        }
    }

    private void ThrowIfWriteFails()
    {
        ThrowIfDown();
        if (Interlocked.Decrement(ref _failingWrites) >= 0)
        {
            Interlocked.Increment(ref FailedWrites);
            throw new SearchEngineUnavailableException("write failed (fault injected by the test)");
        }

        Interlocked.Exchange(ref _failingWrites, 0);
    }
}
