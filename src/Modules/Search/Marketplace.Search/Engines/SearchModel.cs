using Marketplace.Catalog.Contracts;
using Marketplace.Exhibitions.Contracts;

namespace Marketplace.Search.Engines;

// The engine-neutral records the port speaks. Engines map them to their own fields; the field names below are the
// ones used in highlights and facets of the API.

/// <summary>An exhibition a product's shop exhibits at: filterable by id or by slug.</summary>
internal sealed record ExhibitionTag(Guid ExhibitionId, string Slug)
{
    public static ExhibitionTag From(ExhibitionRef exhibition) => new(exhibition.ExhibitionId, exhibition.Slug);
}

/// <summary>
/// One searchable product as the engines index it: the Catalog's denormalised <see cref="ProductSearchDocument"/>
/// plus the exhibitions its shop exhibits at. Only searchable products become documents (see <see cref="From"/>).
/// </summary>
internal sealed record SearchDocument(
    Guid ProductId,
    Guid ShopId,
    string ShopSlug,
    string ShopName,
    bool ShopVerified,
    string Name,
    string? NameEn,
    string? Description,
    string? DescriptionEn,
    string? Story,
    string? Category,
    IReadOnlyList<string> Materials,
    string SubsectorCode,
    string SubsectorName,
    string CityCode,
    string CityName,
    string ProvinceCode,
    string ProvinceName,
    long PriceAmount,
    string Currency,
    int Stock,
    bool Halal,
    bool Handmade,
    string? ImageUrl,
    DateTimeOffset CreatedAt,
    DateTimeOffset? PublishedAt,
    long Version,
    IReadOnlyList<ExhibitionTag> Exhibitions,
    double RatingAverage = 0,
    int RatingCount = 0)
{
    public bool InStock => Stock > 0;

    /// <summary>The "newest" sort key: when it was published (created, for data published before that was recorded).</summary>
    public DateTimeOffset ListedAt => PublishedAt ?? CreatedAt;

    /// <summary>Null when the product must not be found (draft, deleted, suspended shop): the indexer deletes it instead.</summary>
    public static SearchDocument? From(ProductSearchDocument product, IReadOnlyList<ExhibitionTag> exhibitions) =>
        !product.IsSearchable
            ? null
            : new SearchDocument(
                product.ProductId, product.ShopId, product.ShopSlug, product.ShopName, product.ShopVerified,
                product.Name, product.NameEn, product.Description, product.DescriptionEn, product.StoryText, product.Category,
                product.Materials, product.SubsectorCode, product.SubsectorName, product.CityCode, product.CityName,
                product.ProvinceCode, product.ProvinceName, product.Price.Amount, product.Price.Currency, product.Stock,
                product.Halal, product.Handmade, product.ImageUrl, product.CreatedAt, product.PublishedAt, product.Version,
                exhibitions, product.RatingAverage, product.RatingCount);

    /// <summary>The rating in hundredths of a star (4.25 → 425): an exact integer for range filters and sorting in every engine.</summary>
    public int RatingHundredths => Ratings.ToHundredths(RatingAverage);
}

/// <summary>A product's new stock, as its <c>ProductStockChanged</c> event reports it (<see cref="ISearchEngine.UpdateStockAsync"/>).</summary>
/// <param name="Version">The product's row version after the change: orders this change against the indexed document.</param>
internal sealed record StockChange(Guid ProductId, int Stock, long Version);

internal enum SearchSort
{
    /// <summary>Score, then newest, then product id.</summary>
    Relevance,

    /// <summary>Price ascending, then product id.</summary>
    PriceAsc,

    /// <summary>Price descending, then product id.</summary>
    PriceDesc,

    /// <summary>Listed (published) time descending, then product id.</summary>
    Newest,

    /// <summary>Average rating descending, then number of reviews descending, then product id. Unrated products come last.</summary>
    Rating,
}

internal static class Ratings
{
    /// <summary>Averages are compared in hundredths of a star, so 4.5 in a query and 4.5 in a document are the same integer.</summary>
    public static int ToHundredths(double stars) => (int)Math.Round(stars * 100, MidpointRounding.AwayFromZero);
}

/// <summary>
/// A product search. Every filter is optional and they combine with AND. Text is matched over the fields with boosts
/// name &gt; tags (category, materials, sub-sector) &gt; description/story &gt; shop name, with synonyms from
/// <c>Analysis/synonyms.txt</c>, fuzzy matching (edit distance 1, or 2 from 8 letters) only for terms of 4+ letters.
/// Empty text matches every product (then relevance sorts newest first).
/// Ties in every sort are broken by product id, so paging is stable.
/// </summary>
internal sealed record SearchQuery
{
    public string? Text { get; init; }

    /// <summary>Sub-sector code (e.g. <c>kuliner</c>).</summary>
    public string? Subsector { get; init; }

    /// <summary>City/regency region code (e.g. <c>16.71</c>, Kota Palembang).</summary>
    public string? City { get; init; }

    /// <summary>Province region code (e.g. <c>16</c>).</summary>
    public string? Province { get; init; }

    /// <summary>Inclusive, in minor units.</summary>
    public long? MinPrice { get; init; }

    /// <summary>Inclusive, in minor units.</summary>
    public long? MaxPrice { get; init; }

    public bool? Halal { get; init; }

    /// <summary>Only products whose average rating is at least this (1–5; unrated products are left out).</summary>
    public double? MinRating { get; init; }

    /// <summary>true: stock &gt; 0 only; false: out of stock only; null: both.</summary>
    public bool? InStock { get; init; }

    /// <summary>Shop slug or shop id.</summary>
    public string? Shop { get; init; }

    /// <summary>Exhibition slug or exhibition id.</summary>
    public string? Exhibition { get; init; }

    public SearchSort Sort { get; init; } = SearchSort.Relevance;

    /// <summary>1-based.</summary>
    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = 20;

    /// <summary>
    /// Facets are counted over all matches of the text under every filter except the facet's own (so choosing
    /// <c>city=16.71</c> still shows how many hits the other cities have). Off for callers that only need hits.
    /// </summary>
    public bool IncludeFacets { get; init; } = true;
}

/// <param name="Field">API field name: <c>name</c>, <c>nameEn</c>, <c>description</c>, <c>descriptionEn</c>, <c>story</c>, <c>category</c>, <c>shopName</c>.</param>
/// <param name="Fragments">Snippets with the matched terms wrapped in <see cref="Highlighting.Pre"/>/<see cref="Highlighting.Post"/>; text outside the marks is HTML-encoded.</param>
internal sealed record HighlightField(string Field, IReadOnlyList<string> Fragments);

internal static class Highlighting
{
    public const string Pre = "<mark>";
    public const string Post = "</mark>";

    /// <summary>Characters around a match in a fragment of a long field (name and category are returned whole).</summary>
    public const int FragmentSize = 160;

    public const int MaxFragments = 2;
}

internal sealed record SearchHit(
    Guid ProductId,
    string Name,
    string? NameEn,
    long PriceAmount,
    string Currency,
    Guid ShopId,
    string ShopSlug,
    string ShopName,
    string CityCode,
    string CityName,
    string SubsectorCode,
    string SubsectorName,
    int Stock,
    bool Halal,
    string? ImageUrl,
    DateTimeOffset ListedAt,
    double Score,
    IReadOnlyList<HighlightField> Highlights,
    double RatingAverage = 0,
    int RatingCount = 0)
{
    public bool InStock => Stock > 0;
}

/// <param name="Value">The filter value to send back (sub-sector code, city code, <c>true</c>/<c>false</c>).</param>
/// <param name="Label">What to show (sub-sector or city name; null for halal).</param>
internal sealed record FacetCount(string Value, string? Label, long Count);

/// <param name="From">Inclusive lower bound in minor units, null for "below To".</param>
/// <param name="To">Exclusive upper bound in minor units, null for "From and above".</param>
internal sealed record PriceRangeCount(long? From, long? To, long Count);

/// <summary>Facets. Value facets are ordered by count descending then value; zero counts are left out.</summary>
internal sealed record SearchFacets(
    IReadOnlyList<FacetCount> Subsector,
    IReadOnlyList<FacetCount> City,
    IReadOnlyList<FacetCount> Halal,
    IReadOnlyList<PriceRangeCount> PriceRanges)
{
    public static readonly SearchFacets Empty = new([], [], [], []);
}

/// <summary>The fixed price buckets of the <c>priceRanges</c> facet (IDR minor units: Rp 25.000 is 2,500,000). Every bucket is always returned, zero counts included.</summary>
internal static class PriceBuckets
{
    public static readonly IReadOnlyList<(long? From, long? To)> All =
    [
        (null, 2_500_000),
        (2_500_000, 5_000_000),
        (5_000_000, 10_000_000),
        (10_000_000, 25_000_000),
        (25_000_000, 50_000_000),
        (50_000_000, null),
    ];

    public static bool Contains((long? From, long? To) bucket, long amount) =>
        (bucket.From is not { } from || amount >= from) && (bucket.To is not { } to || amount < to);
}

/// <summary>Total is the exact number of matches (not capped).</summary>
internal sealed record SearchResult(IReadOnlyList<SearchHit> Hits, long Total, SearchFacets Facets);

/// <param name="Prefix">What the shopper typed so far (at least 1 character, at most 100).</param>
internal sealed record SuggestQuery(string Prefix, int Limit = 8);

/// <param name="Text">The product name to complete to.</param>
internal sealed record Suggestion(string Text, Guid ProductId);
