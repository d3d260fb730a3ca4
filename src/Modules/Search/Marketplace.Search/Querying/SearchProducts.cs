using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using FluentValidation;
using Marketplace.BuildingBlocks.Caching;
using Marketplace.Search.Engines;
using Marketplace.SharedKernel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Marketplace.Search.Querying;

/// <summary>The query string of <c>GET /search/products</c>.</summary>
internal sealed record SearchProductsRequest
{
    /// <summary>Words to look for, in Indonesian or English (at most 200 characters). Empty lists everything.</summary>
    [FromQuery(Name = "q")]
    public string? Q { get; init; }

    /// <summary>Sub-sector code, e.g. <c>kuliner</c>.</summary>
    [FromQuery(Name = "subsector")]
    public string? Subsector { get; init; }

    /// <summary>City/regency code, e.g. <c>16.71</c>.</summary>
    [FromQuery(Name = "city")]
    public string? City { get; init; }

    /// <summary>Province code, e.g. <c>16</c>.</summary>
    [FromQuery(Name = "province")]
    public string? Province { get; init; }

    /// <summary>Lowest price, inclusive, in minor units (Rp 25.000 is 2500000).</summary>
    [FromQuery(Name = "minPrice")]
    public long? MinPrice { get; init; }

    /// <summary>Highest price, inclusive, in minor units.</summary>
    [FromQuery(Name = "maxPrice")]
    public long? MaxPrice { get; init; }

    [FromQuery(Name = "halal")]
    public bool? Halal { get; init; }

    [FromQuery(Name = "inStock")]
    public bool? InStock { get; init; }

    /// <summary>Lowest average rating, 1 to 5 (e.g. 4 or 4.5); unrated products are left out.</summary>
    [FromQuery(Name = "minRating")]
    public double? MinRating { get; init; }

    /// <summary>Exhibition slug or id.</summary>
    [FromQuery(Name = "exhibition")]
    public string? Exhibition { get; init; }

    /// <summary>Shop slug or id.</summary>
    [FromQuery(Name = "shop")]
    public string? Shop { get; init; }

    /// <summary><c>relevance</c> (default), <c>price_asc</c>, <c>price_desc</c>, <c>newest</c> or <c>rating</c> (best rated first, then most reviewed).</summary>
    [FromQuery(Name = "sort")]
    public string? Sort { get; init; }

    [FromQuery(Name = "page")]
    public int? Page { get; init; }

    [FromQuery(Name = "pageSize")]
    public int? PageSize { get; init; }

    public const int MaxQueryLength = 200;
    public const int MaxPageSize = 100;

    /// <summary>Deeper pages cost more than they are worth: refine the search instead.</summary>
    public const int MaxWindow = 10_000;

    internal static readonly IReadOnlyDictionary<string, SearchSort> Sorts = new Dictionary<string, SearchSort>(StringComparer.OrdinalIgnoreCase)
    {
        ["relevance"] = SearchSort.Relevance,
        ["price_asc"] = SearchSort.PriceAsc,
        ["price_desc"] = SearchSort.PriceDesc,
        ["newest"] = SearchSort.Newest,
        ["rating"] = SearchSort.Rating,
    };

    public SearchQuery ToQuery() => new()
    {
        Text = Q,
        Subsector = Blank(Subsector),
        City = Blank(City),
        Province = Blank(Province),
        MinPrice = MinPrice,
        MaxPrice = MaxPrice,
        Halal = Halal,
        InStock = InStock,
        MinRating = MinRating,
        Exhibition = Blank(Exhibition),
        Shop = Blank(Shop),
        Sort = string.IsNullOrWhiteSpace(Sort) ? SearchSort.Relevance : Sorts[Sort.Trim()],
        Page = Page ?? 1,
        PageSize = PageSize ?? 20,
    };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

internal sealed class SearchProductsValidator : AbstractValidator<SearchProductsRequest>
{
    public SearchProductsValidator()
    {
        RuleFor(r => r.Q).MaximumLength(SearchProductsRequest.MaxQueryLength);
        RuleFor(r => r.Sort)
            .Must(s => string.IsNullOrWhiteSpace(s) || SearchProductsRequest.Sorts.ContainsKey(s.Trim()))
            .WithErrorCode("UnknownSort")
            .WithMessage("sort must be one of relevance, price_asc, price_desc, newest, rating.");
        RuleFor(r => r.Page).GreaterThanOrEqualTo(1);
        RuleFor(r => r.PageSize).InclusiveBetween(1, SearchProductsRequest.MaxPageSize);
        RuleFor(r => r.Page)
            .Must((r, page) => (long)(page ?? 1) * (r.PageSize ?? 20) <= SearchProductsRequest.MaxWindow)
            .When(r => r.Page >= 1 && r.PageSize is null or (>= 1 and <= SearchProductsRequest.MaxPageSize))
            .WithErrorCode("TooDeep")
            .WithMessage($"page × pageSize may be at most {SearchProductsRequest.MaxWindow}; narrow the search instead.");
        RuleFor(r => r.MinPrice).GreaterThanOrEqualTo(0);
        RuleFor(r => r.MinRating).InclusiveBetween(1, 5).WithMessage("minRating must be between 1 and 5.");
        RuleFor(r => r.MaxPrice).GreaterThanOrEqualTo(0);
        RuleFor(r => r.MinPrice)
            .Must((r, min) => min <= r.MaxPrice)
            .When(r => r.MinPrice is not null && r.MaxPrice is not null)
            .WithErrorCode("MinAboveMax")
            .WithMessage("minPrice must not be above maxPrice.");
        foreach (var (name, read) in new (string, Func<SearchProductsRequest, string?>)[]
                 {
                     ("subsector", r => r.Subsector), ("city", r => r.City), ("province", r => r.Province),
                     ("exhibition", r => r.Exhibition), ("shop", r => r.Shop),
                 })
        {
            RuleFor(r => read(r)).MaximumLength(100).OverridePropertyName(name);
        }
    }
}

internal sealed record MoneyResponse(long Amount, string Currency);

internal sealed record ShopRefResponse(Guid Id, string Slug, string Name);

internal sealed record CodeNameResponse(string Code, string Name);

internal sealed record SearchHitResponse(
    Guid ProductId,
    string Name,
    string? NameEn,
    MoneyResponse Price,
    ShopRefResponse Shop,
    CodeNameResponse City,
    CodeNameResponse Subsector,
    bool InStock,
    bool Halal,
    string? ImageUrl,
    double Score,
    RatingResponse Rating,
    /// <summary>Field → snippets with matches in &lt;mark&gt;…&lt;/mark&gt; (the rest HTML-encoded).</summary>
    IReadOnlyDictionary<string, IReadOnlyList<string>> Highlights);

/// <param name="Average">Mean stars of the product's visible reviews, 0 without reviews.</param>
internal sealed record RatingResponse(double Average, int Count);

internal sealed record FacetValueResponse(string Value, string? Label, long Count);

internal sealed record PriceRangeResponse(long? From, long? To, long Count);

internal sealed record FacetsResponse(
    IReadOnlyList<FacetValueResponse> Subsector,
    IReadOnlyList<FacetValueResponse> City,
    IReadOnlyList<FacetValueResponse> Halal,
    IReadOnlyList<PriceRangeResponse> PriceRanges);

internal sealed record SearchProductsResponse(
    IReadOnlyList<SearchHitResponse> Items,
    int Page,
    int PageSize,
    long Total,
    FacetsResponse Facets);

internal static class SearchProducts
{
    public static async Task<Results<Utf8JsonResult<SearchProductsResponse>, ProblemHttpResult>> Handle(
        [AsParameters] SearchProductsRequest request,
        ISearchEngine engine,
        ReadThroughCache cache,
        IOptions<SearchOptions> options,
        IOptions<HttpJsonOptions> json,
        SearchMetrics metrics,
        HttpContext http,
        CancellationToken ct)
    {
        var query = request.ToQuery();
        var byEngine = false;
        // Hot queries (the same words and filters from many shoppers) are answered from the cache for up to a second;
        // index writes also evict them (SearchResultsCache), so a change is not hidden for longer than that. The page is
        // cached as the response's JSON: HybridCache serialises whatever it stores, so caching the object cost a
        // serialisation into the cache, a deserialisation out of it and then the response's own — now one in all.
        var outcome = await EngineCall.RunAsync(engine, options.Value, http, token => cache.GetOrCreateAsync(
            SearchResultsCache.KeyFor(query),
            [SearchResultsCache.Tag],
            async c =>
            {
                byEngine = true;
                var page = ToResponse(query, await engine.SearchAsync(query, c));
                return JsonSerializer.SerializeToUtf8Bytes(page, (JsonTypeInfo<SearchProductsResponse>)json.Value.SerializerOptions.GetTypeInfo(typeof(SearchProductsResponse)));
            },
            SearchResultsCache.Lifetime,
            token).AsTask(), ct);
        if (outcome.Problem is null)
        {
            metrics.Answered(byEngine);
        }

        return outcome.Problem is { } problem ? problem : new Utf8JsonResult<SearchProductsResponse>(outcome.Value!);
    }

    private static SearchProductsResponse ToResponse(SearchQuery query, SearchResult result) =>
        new(
            result.Hits.Select(ToResponse).ToList(),
            query.Page,
            query.PageSize,
            result.Total,
            new FacetsResponse(
                result.Facets.Subsector.Select(f => new FacetValueResponse(f.Value, f.Label, f.Count)).ToList(),
                result.Facets.City.Select(f => new FacetValueResponse(f.Value, f.Label, f.Count)).ToList(),
                result.Facets.Halal.Select(f => new FacetValueResponse(f.Value, f.Label, f.Count)).ToList(),
                result.Facets.PriceRanges.Select(p => new PriceRangeResponse(p.From, p.To, p.Count)).ToList()));

    private static SearchHitResponse ToResponse(SearchHit hit) => new(
        hit.ProductId,
        hit.Name,
        hit.NameEn,
        new MoneyResponse(hit.PriceAmount, hit.Currency),
        new ShopRefResponse(hit.ShopId, hit.ShopSlug, hit.ShopName),
        new CodeNameResponse(hit.CityCode, hit.CityName),
        new CodeNameResponse(hit.SubsectorCode, hit.SubsectorName),
        hit.InStock,
        hit.Halal,
        hit.ImageUrl,
        hit.Score,
        new RatingResponse(hit.RatingAverage, hit.RatingCount),
        hit.Highlights.ToDictionary(h => h.Field, h => h.Fragments, StringComparer.Ordinal));
}
