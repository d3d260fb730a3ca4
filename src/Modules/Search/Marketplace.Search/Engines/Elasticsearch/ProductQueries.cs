using System.Globalization;
using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Aggregations;
using Elastic.Clients.Elasticsearch.Core.Search;
using Elastic.Clients.Elasticsearch.QueryDsl;
using Marketplace.Search.Analysis;
using EsHighlightField = Elastic.Clients.Elasticsearch.Core.Search.HighlightField;

namespace Marketplace.Search.Engines.Elasticsearch;

/// <summary>
/// The <c>_search</c> requests, as the client's typed query DSL, built from the port's records. Kept apart from the
/// calls so the tests can compare what goes over the wire with the samples written from Elastic's REST reference.
/// <para>
/// To add a filter (say a minimum rating): a property on <see cref="SearchQuery"/>, a field in
/// <see cref="ProductSource"/> and the mapping, and one more <c>yield</c> in <see cref="QueryFilters"/> — or in
/// <see cref="FacetFilters"/> if it is also a facet. A sort is one more arm in <see cref="Sort"/>.
/// </para>
/// </summary>
internal static class ProductQueries
{
    /// <summary>Elasticsearch refuses <c>from + size</c> beyond <c>index.max_result_window</c> (10,000 by default).</summary>
    public const int MaxResultWindow = 10_000;

    /// <summary>Words of the text that are searched; the rest of a very long query is ignored (bounded query cost).</summary>
    public const int MaxQueryWords = 32;

    /// <summary>
    /// Relevance, as in the Lucene engine: name &gt; tags (category, materials, sub-sector) &gt; place &gt;
    /// description/story &gt; shop name. The flag marks fields where a word of 4+ letters also matches fuzzily; the
    /// analyzer is the field's own without synonyms (fuzziness and synonym graphs do not mix in Elasticsearch).
    /// </summary>
    public static readonly IReadOnlyList<(string Field, double Boost, string? FuzzyAnalyzer)> TextFields =
    [
        ("name", 6, "id_text"),
        ("name.plain", 4, "plain_text"),
        ("nameEn", 4, "en_text"),
        ("category", 3, "id_text"),
        ("materials", 2.5, null),
        ("subsectorName", 2.5, "id_text"),
        ("cityName.text", 2, "id_text"),
        ("provinceName.text", 1, null),
        ("description", 1.5, null),
        ("descriptionEn", 1.2, null),
        ("story", 1, null),
        ("shopName", 0.8, null),
    ];

    /// <summary>A fuzzy match scores this fraction of an exact one in the same field.</summary>
    public const double FuzzyFactor = 0.35;

    /// <summary>Fields shown with highlights; name and category come back whole, the long ones as fragments.</summary>
    private static readonly (string Field, bool Whole)[] HighlightFields =
    [
        ("name", true), ("nameEn", true), ("category", true), ("shopName", true),
        ("description", false), ("descriptionEn", false), ("story", false),
    ];

    private static readonly Fields WeightedTextFields = Fields.FromStrings([.. TextFields.Select(f => FieldWithBoost(f.Field, f.Boost))]);

    /// <summary>
    /// One <c>_search</c>: the text and the non-facet filters in <c>query</c>; the four facet filters (sub-sector,
    /// city, halal, price) in <c>post_filter</c>, so they narrow the hits but not the aggregations; each facet's
    /// aggregation is wrapped in a <c>filter</c> aggregation with the other three facet filters — so every facet is
    /// counted under all filters except its own. Partial results (a shard missing) are refused by the cluster.
    /// </summary>
    public static SearchRequest Search(string index, SearchQuery query, SynonymList synonyms)
    {
        var size = Math.Max(0, query.PageSize);
        var from = (long)(Math.Max(1, query.Page) - 1) * size;
        if (from >= MaxResultWindow)
        {
            // Beyond the window there is nothing to show; still ask for the total and facets.
            (from, size) = (0, 0);
        }
        else if (from + size > MaxResultWindow)
        {
            size = (int)(MaxResultWindow - from);
        }

        var facetFilters = FacetFilters(query);
        var request = new SearchRequest(index)
        {
            AllowPartialSearchResults = false,
            From = (int)from,
            Size = size,
            TrackTotalHits = new TrackHits(true),
            Query = new BoolQuery { Must = [TextQuery(query.Text, synonyms)], Filter = [.. QueryFilters(query)] },
            Sort = Sort(query.Sort),
        };

        if (facetFilters.Count > 0)
        {
            request.PostFilter = AllOf(facetFilters.Values);
        }

        if (query.IncludeFacets)
        {
            request.Aggregations = new Dictionary<string, Aggregation>
            {
                ["subsector"] = FacetAggregation(facetFilters, "subsector", ValuesWithLabel("subsectorCode", 50, "subsectorName.raw")),
                ["city"] = FacetAggregation(facetFilters, "city", ValuesWithLabel("cityCode", 1000, "cityName")),
                ["halal"] = FacetAggregation(facetFilters, "halal", Values("halal", 2)),
                ["priceRanges"] = FacetAggregation(facetFilters, "price", new RangeAggregation
                {
                    Field = "priceAmount",
                    // Range aggregations include "from" and exclude "to", as PriceBuckets does.
                    Ranges = [.. PriceBuckets.All.Select(b => new AggregationRange { From = b.From, To = b.To })],
                }),
            };
        }

        if (size > 0 && SynonymList.Normalize(query.Text ?? string.Empty).Length > 0)
        {
            request.Highlight = Highlight();
        }

        return request;
    }

    /// <summary>
    /// Text, built like the Lucene engine's: the text is normalised to words (<see cref="SynonymList.Normalize"/>: no
    /// query syntax survives, so <c>* " : ~ (</c> are separators), at most <see cref="MaxQueryWords"/>, grouped into
    /// concepts — the longest synonym entry starting at a word ("empek empek"), else the word. A concept matches when
    /// all its words match in one text field (<c>most_fields</c>: scores add up over fields; the fields' search analyzers
    /// expand synonyms), or — a single word of 4+ letters — fuzzily in the name, category, sub-sector and city fields
    /// (<c>AUTO:4,8</c>: none below 4 letters, 1 edit up to 7, 2 from 8; first letter fixed; lower boost). With one or
    /// two concepts all must match; with more, 75% (<c>2&lt;75%</c>), so "songket palembang murah" finds songket from
    /// Palembang although nothing says "murah". The exact whole name gets a ×10 boost. No words: everything matches.
    /// </summary>
    public static Query TextQuery(string? text, SynonymList synonyms)
    {
        var normalized = SynonymList.Normalize(text ?? string.Empty);
        var words = normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(MaxQueryWords).ToArray();
        if (words.Length == 0)
        {
            return new MatchAllQuery();
        }

        var concepts = new List<Query>();
        for (var i = 0; i < words.Length;)
        {
            var used = ConceptLength(words, i, synonyms);
            concepts.Add(Concept(string.Join(' ', words, i, used), single: used == 1));
            i += used;
        }

        return new BoolQuery
        {
            Must = [new BoolQuery { Should = concepts, MinimumShouldMatch = "2<75%" }],
            Should = [new TermQuery { Field = "nameKey", Value = string.Join(' ', words), Boost = 10 }],
        };
    }

    /// <summary>Words taken by the synonym entry starting at <paramref name="start"/> (longest first); 1 for a plain word.</summary>
    private static int ConceptLength(string[] words, int start, SynonymList synonyms)
    {
        for (var length = Math.Min(synonyms.LongestEntryWords, words.Length - start); length > 1; length--)
        {
            if (synonyms.Find(string.Join(' ', words, start, length)) is not null)
            {
                return length;
            }
        }

        return 1;
    }

    private static BoolQuery Concept(string concept, bool single)
    {
        var alternatives = new List<Query>
        {
            new MultiMatchQuery { Query = concept, Type = TextQueryType.MostFields, Fields = WeightedTextFields, Operator = Operator.And },
        };
        if (single && concept.Length >= 4)
        {
            foreach (var (field, boost, analyzer) in TextFields)
            {
                if (analyzer is not null)
                {
                    alternatives.Add(new MatchQuery
                    {
                        Field = field,
                        Query = concept,
                        Analyzer = analyzer,
                        Fuzziness = new Fuzziness("AUTO:4,8"),
                        PrefixLength = 1,
                        MaxExpansions = 30,
                        Boost = (float)Math.Round(boost * FuzzyFactor, 3),
                    });
                }
            }
        }

        return new BoolQuery { Should = alternatives, MinimumShouldMatch = 1 };
    }

    private static string FieldWithBoost(string field, double boost) =>
        boost == 1 ? field : field + "^" + boost.ToString(CultureInfo.InvariantCulture);

    /// <summary>Filters that narrow hits and facets alike (in <c>query.bool.filter</c>; they do not score).</summary>
    private static IEnumerable<Query> QueryFilters(SearchQuery query)
    {
        if (!string.IsNullOrWhiteSpace(query.Province))
        {
            yield return Term("provinceCode", query.Province.Trim());
        }

        if (query.InStock is { } inStock)
        {
            yield return inStock ? new NumberRangeQuery("stock") { Gt = 0 } : new NumberRangeQuery("stock") { Lte = 0 };
        }

        if (!string.IsNullOrWhiteSpace(query.Shop))
        {
            yield return Guid.TryParse(query.Shop, out var shopId)
                ? Term("shopId", ProductSource.Id(shopId))
                : Term("shopSlug", query.Shop.Trim().ToLowerInvariant());
        }

        if (!string.IsNullOrWhiteSpace(query.Exhibition))
        {
            yield return Guid.TryParse(query.Exhibition, out var exhibitionId)
                ? Term("exhibitionIds", ProductSource.Id(exhibitionId))
                : Term("exhibitionSlugs", query.Exhibition.Trim().ToLowerInvariant());
        }
    }

    /// <summary>The filters that are also facets, by facet name (in a fixed order, so the body is deterministic).</summary>
    private static SortedDictionary<string, Query> FacetFilters(SearchQuery query)
    {
        var filters = new SortedDictionary<string, Query>(StringComparer.Ordinal);
        if (!string.IsNullOrWhiteSpace(query.Subsector))
        {
            filters["subsector"] = Term("subsectorCode", query.Subsector.Trim());
        }

        if (!string.IsNullOrWhiteSpace(query.City))
        {
            filters["city"] = Term("cityCode", query.City.Trim());
        }

        if (query.Halal is { } halal)
        {
            filters["halal"] = new TermQuery { Field = "halal", Value = halal };
        }

        if (query.MinPrice is not null || query.MaxPrice is not null)
        {
            filters["price"] = new NumberRangeQuery("priceAmount") { Gte = query.MinPrice, Lte = query.MaxPrice };
        }

        return filters;
    }

    private static Aggregation FacetAggregation(SortedDictionary<string, Query> facetFilters, string own, Aggregation values) => new()
    {
        Filter = AllOf(facetFilters.Where(f => f.Key != own).Select(f => f.Value)),
        Aggregations = new Dictionary<string, Aggregation> { ["values"] = values },
    };

    private static BoolQuery AllOf(IEnumerable<Query> filters) => new() { Filter = [.. filters] };

    /// <summary>Most frequent first, then by value: the port's facet order.</summary>
    private static TermsAggregation Values(string field, int size) => new()
    {
        Field = field,
        Size = size,
        Order = [new("_count", SortOrder.Desc), new("_key", SortOrder.Asc)],
    };

    /// <summary>Values with the label to show (one name per code).</summary>
    private static Aggregation ValuesWithLabel(string field, int size, string labelField) => new()
    {
        Terms = Values(field, size),
        Aggregations = new Dictionary<string, Aggregation> { ["label"] = new TermsAggregation { Field = labelField, Size = 1 } },
    };

    /// <summary>Every sort ends with the product id, so equal keys keep one order across pages.</summary>
    public static ICollection<SortOptions> Sort(SearchSort sort) => sort switch
    {
        SearchSort.PriceAsc => [SortOn("priceAmount", SortOrder.Asc), SortOn("productId", SortOrder.Asc)],
        SearchSort.PriceDesc => [SortOn("priceAmount", SortOrder.Desc), SortOn("productId", SortOrder.Asc)],
        SearchSort.Newest => [SortOn("listedAt", SortOrder.Desc), SortOn("productId", SortOrder.Asc)],
        _ => [new SortOptions { Score = new ScoreSort { Order = SortOrder.Desc } }, SortOn("listedAt", SortOrder.Desc), SortOn("productId", SortOrder.Asc)],
    };

    private static SortOptions SortOn(string field, SortOrder order) => new FieldSort(field) { Order = order };

    private static Highlight Highlight() => new()
    {
        PreTags = [Highlighting.Pre],
        PostTags = [Highlighting.Post],
        // Text outside the marks is HTML-encoded, as the port promises.
        Encoder = HighlighterEncoder.Html,
        Fields = [.. HighlightFields.Select(f => new KeyValuePair<Field, EsHighlightField>(f.Field, f.Whole
            ? new EsHighlightField { NumberOfFragments = 0 }
            : new EsHighlightField { FragmentSize = Highlighting.FragmentSize, NumberOfFragments = Highlighting.MaxFragments }))],
    };

    /// <summary>
    /// As-you-type: every typed word must be a prefix of a word of the name (edge n-grams), best first, one hit per
    /// distinct name (<c>collapse</c> on the normalised name).
    /// </summary>
    public static SearchRequest Suggest(string index, SuggestQuery query) => new(index)
    {
        AllowPartialSearchResults = false,
        Size = Math.Clamp(query.Limit, 1, 50),
        Source = new SourceConfig(new SourceFilter { Includes = Fields.FromStrings(["productId", "name"]) }),
        Query = new MatchQuery { Field = "name.suggest", Query = query.Prefix.Trim(), Operator = Operator.And },
        Collapse = new FieldCollapse("nameKey"),
        Sort = [new SortOptions { Score = new ScoreSort { Order = SortOrder.Desc } }, SortOn("nameKey", SortOrder.Asc), SortOn("productId", SortOrder.Asc)],
    };

    private static TermQuery Term(string field, string value) => new() { Field = field, Value = value };
}

/// <summary>What a suggestion reads of a hit (<c>_source</c> filtered to these two fields).</summary>
internal sealed record SuggestSource(string ProductId, string Name);
