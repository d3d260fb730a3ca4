using System.Text.Json;
using System.Text.Json.Nodes;
using Marketplace.Search.Analysis;
using Marketplace.Search.Engines;
using Marketplace.Search.Engines.Elasticsearch;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Search.Tests.Elasticsearch;

/// <summary>The real adapter (its own DI registration, the official client and its transport) pointed at a double.</summary>
internal sealed class EngineUnderTest : IAsyncDisposable
{
    /// <summary>A short list, so the mapping sample stays readable; the module's full list is tested elsewhere.</summary>
    public static readonly SynonymList Synonyms = SynonymList.Parse("pempek, empek-empek\nkeripik, kripik\n");

    private readonly ServiceProvider _services;

    private EngineUnderTest(ServiceProvider services)
    {
        _services = services;
        Engine = services.GetRequiredService<ElasticsearchEngine>();
    }

    public ElasticsearchEngine Engine { get; }

    public static EngineUnderTest Create(Uri url, Action<ElasticsearchOptions>? configure = null, SynonymList? synonyms = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(synonyms ?? Synonyms);
        services.Configure<SearchOptions>(o =>
        {
            o.Engine = SearchEngineKind.Elasticsearch;
            o.Elasticsearch.Url = url.ToString();
            o.Elasticsearch.IndexPrefix = "test-";
            configure?.Invoke(o.Elasticsearch);
        });
        services.AddElasticsearchEngine();
        return new EngineUnderTest(services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true }));
    }

    /// <summary>Deletes the indices matching a pattern (listed first: clusters refuse wildcard deletes by default).</summary>
    public async Task DeleteIndicesAsync(string pattern)
    {
        var client = _services.GetRequiredService<ElasticsearchTransport>().Client;
        var listed = await client.Indices.GetAsync(new Elastic.Clients.Elasticsearch.IndexManagement.GetIndexRequest(pattern));
        var names = listed.IsValidResponse ? listed.Indices.Keys.ToList() : [];
        if (names.Count > 0)
        {
            await _services.GetRequiredService<ElasticsearchIndex>().DeleteIndicesAsync(names, CancellationToken.None);
        }
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}

internal static class JsonAssert
{
    private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true };

    /// <summary>Same JSON (object member order ignored); on a difference both sides are shown indented.</summary>
    public static void Equal(string expectedJson, JsonNode? actual)
    {
        var expected = JsonNode.Parse(expectedJson);
        if (!JsonNode.DeepEquals(expected, actual))
        {
            Assert.Equal(expected?.ToJsonString(Pretty), actual?.ToJsonString(Pretty));
            Assert.Fail("JSON differs only in number formatting: " + actual?.ToJsonString());
        }
    }

    /// <summary>
    /// The clauses of a bool query's <c>must</c>/<c>should</c>/<c>filter</c>: Elasticsearch takes one clause as an object
    /// or an array, and the official client writes a single clause as an object.
    /// </summary>
    public static IReadOnlyList<JsonNode> Clauses(JsonNode? clauses) => clauses switch
    {
        JsonArray many => [.. many.Select(c => c!)],
        JsonObject one => [one],
        _ => [],
    };

    public static JsonNode Single(JsonNode? clauses) => Assert.Single(Clauses(clauses));

    /// <summary>NDJSON: the same lines, each one JSON object on one line, the body ending with a newline.</summary>
    public static void EqualNdjson(string expectedNdjson, string actual)
    {
        Assert.EndsWith("\n", actual, StringComparison.Ordinal);
        var expectedLines = expectedNdjson.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var actualLines = actual.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(expectedLines.Length, actualLines.Length);
        for (var i = 0; i < expectedLines.Length; i++)
        {
            Equal(expectedLines[i], JsonNode.Parse(actualLines[i]));
        }
    }
}

/// <summary>The two products of the bulk and search samples.</summary>
internal static class SampleProducts
{
    public static readonly SearchDocument PempekKapalSelam = new(
        ProductId: Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"),
        ShopId: Guid.Parse("7c9e6679-7425-40de-944b-e07fc1f90ae7"),
        ShopSlug: "pempek-cek-molen",
        ShopName: "Pempek Cek Molen",
        ShopVerified: true,
        Name: "Pempek Kapal Selam",
        NameEn: "Fish cake with egg",
        Description: "Pempek ikan belida dengan telur utuh di dalamnya.",
        DescriptionEn: null,
        Story: "Dibuat tiap pagi di 16 Ilir.",
        Category: "Makanan",
        Materials: ["ikan belida", "sagu"],
        SubsectorCode: "kuliner",
        SubsectorName: "Kuliner",
        CityCode: "16.71",
        CityName: "Kota Palembang",
        ProvinceCode: "16",
        ProvinceName: "Sumatera Selatan",
        PriceAmount: 2_500_000,
        Currency: "IDR",
        Stock: 40,
        Halal: true,
        Handmade: true,
        ImageUrl: null,
        CreatedAt: new DateTimeOffset(2026, 11, 1, 2, 0, 0, TimeSpan.Zero),
        PublishedAt: new DateTimeOffset(2026, 11, 2, 3, 0, 0, TimeSpan.Zero),
        Version: 3,
        Exhibitions: [new ExhibitionTag(Guid.Parse("3f2504e0-4f89-41d3-9a0c-0305e82c3301"), "pameran-palembang-2026")]);

    public static readonly SearchDocument SongketLepus = new(
        ProductId: Guid.Parse("9b2e1c4a-63c1-4b8e-9f0e-5d7a1b2c3d4e"),
        ShopId: Guid.Parse("1d7e9c20-5a3b-4f6e-8c1d-2b3a4c5d6e7f"),
        ShopSlug: "songket-cek-ita",
        ShopName: "Songket Cek Ita",
        ShopVerified: false,
        Name: "Songket Lepus Benang Emas",
        NameEn: null,
        Description: null,
        DescriptionEn: null,
        Story: null,
        Category: null,
        Materials: [],
        SubsectorCode: "fashion",
        SubsectorName: "Fashion",
        CityCode: "16.71",
        CityName: "Kota Palembang",
        ProvinceCode: "16",
        ProvinceName: "Sumatera Selatan",
        PriceAmount: 350_000_000,
        Currency: "IDR",
        Stock: 0,
        Halal: false,
        Handmade: true,
        ImageUrl: "https://img.example.id/songket.jpg",
        CreatedAt: new DateTimeOffset(2026, 10, 15, 7, 30, 0, TimeSpan.Zero),
        PublishedAt: null,
        Version: 1,
        Exhibitions: []);

    public static readonly Guid AbsentProduct = Guid.Parse("5e8f1d2c-0b9a-4c7d-8e6f-1a2b3c4d5e6f");
}
