using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Marketplace.Search.Analysis;

namespace Marketplace.Search.Engines.Elasticsearch;

/// <summary>
/// The request bodies the adapter sends, built from the port's records. Kept apart from the transport so the tests can
/// compare them, byte for byte after normalising whitespace, with the samples written from Elastic's REST reference.
/// </summary>
internal static class ElasticsearchRequests
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

    // ---------------------------------------------------------------- bulk

    /// <summary>
    /// <c>_bulk</c> NDJSON: an <c>index</c> action (create or replace: upserts are idempotent) per document and a
    /// <c>delete</c> per id, into every target index, each line ending with a newline as the API requires.
    /// Writes to the alias carry <c>require_alias</c>, so a missing alias fails the item instead of silently creating an
    /// index with a guessed mapping.
    /// </summary>
    public static string Bulk(IEnumerable<BulkTarget> targets, IReadOnlyCollection<SearchDocument> upserts, IReadOnlyCollection<Guid> deletes)
    {
        var builder = new StringBuilder();
        var sources = upserts.Select(d => (Id: ProductSource.Id(d.ProductId), Source: JsonSerializer.Serialize(ProductSource.From(d), ProductSource.Json))).ToList();
        foreach (var target in targets)
        {
            foreach (var (id, source) in sources)
            {
                var meta = new JsonObject { ["_index"] = target.Index, ["_id"] = id };
                if (target.IsAlias)
                {
                    meta["require_alias"] = true;
                }

                builder.Append(new JsonObject { ["index"] = meta }.ToJsonString()).Append('\n');
                builder.Append(source).Append('\n');
            }

            foreach (var id in deletes)
            {
                builder.Append(new JsonObject { ["delete"] = new JsonObject { ["_index"] = target.Index, ["_id"] = ProductSource.Id(id) } }.ToJsonString()).Append('\n');
            }
        }

        return builder.ToString();
    }

    // ---------------------------------------------------------------- search

    /// <summary>
    /// One <c>_search</c>: the text and the non-facet filters in <c>query</c>; the four facet filters (sub-sector,
    /// city, halal, price) in <c>post_filter</c>, so they narrow the hits but not the aggregations; each facet's
    /// aggregation is wrapped in a <c>filter</c> aggregation with the other three facet filters — so every facet is
    /// counted under all filters except its own.
    /// </summary>
    public static JsonObject Search(SearchQuery query, SynonymList synonyms)
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
        var body = new JsonObject
        {
            ["from"] = from,
            ["size"] = size,
            ["track_total_hits"] = true,
            ["query"] = new JsonObject
            {
                ["bool"] = new JsonObject
                {
                    ["must"] = new JsonArray(TextQuery(query.Text, synonyms)),
                    ["filter"] = new JsonArray([.. QueryFilters(query)]),
                },
            },
            ["sort"] = Sort(query.Sort),
        };

        if (facetFilters.Count > 0)
        {
            body["post_filter"] = AllOf(facetFilters.Values);
        }

        if (query.IncludeFacets)
        {
            body["aggs"] = new JsonObject
            {
                ["subsector"] = FacetAggregation(facetFilters, "subsector", new JsonObject
                {
                    ["terms"] = Terms("subsectorCode", 50),
                    ["aggs"] = Label("subsectorName.raw"),
                }),
                ["city"] = FacetAggregation(facetFilters, "city", new JsonObject
                {
                    ["terms"] = Terms("cityCode", 1000),
                    ["aggs"] = Label("cityName"),
                }),
                ["halal"] = FacetAggregation(facetFilters, "halal", new JsonObject { ["terms"] = Terms("halal", 2) }),
                ["priceRanges"] = FacetAggregation(facetFilters, "price", new JsonObject
                {
                    ["range"] = new JsonObject
                    {
                        ["field"] = "priceAmount",
                        ["ranges"] = new JsonArray([.. PriceBuckets.All.Select(PriceRange)]),
                    },
                }),
            };
        }

        if (size > 0 && SynonymList.Normalize(query.Text ?? string.Empty).Length > 0)
        {
            body["highlight"] = Highlight();
        }

        return body;
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
    public static JsonObject TextQuery(string? text, SynonymList synonyms)
    {
        var normalized = SynonymList.Normalize(text ?? string.Empty);
        var words = normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(MaxQueryWords).ToArray();
        if (words.Length == 0)
        {
            return new JsonObject { ["match_all"] = new JsonObject() };
        }

        var concepts = new JsonArray();
        for (var i = 0; i < words.Length;)
        {
            var used = ConceptLength(words, i, synonyms);
            concepts.Add(Concept(string.Join(' ', words, i, used), single: used == 1));
            i += used;
        }

        return new JsonObject
        {
            ["bool"] = new JsonObject
            {
                ["must"] = new JsonArray(new JsonObject
                {
                    ["bool"] = new JsonObject
                    {
                        ["should"] = concepts,
                        ["minimum_should_match"] = "2<75%",
                    },
                }),
                ["should"] = new JsonArray(new JsonObject
                {
                    ["term"] = new JsonObject { ["nameKey"] = new JsonObject { ["value"] = string.Join(' ', words), ["boost"] = 10 } },
                }),
            },
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

    private static JsonObject Concept(string concept, bool single)
    {
        var alternatives = new JsonArray(new JsonObject
        {
            ["multi_match"] = new JsonObject
            {
                ["query"] = concept,
                ["type"] = "most_fields",
                ["fields"] = new JsonArray([.. TextFields.Select(f => (JsonNode)JsonValue.Create(FieldWithBoost(f.Field, f.Boost)))]),
                ["operator"] = "and",
            },
        });
        if (single && concept.Length >= 4)
        {
            foreach (var (field, boost, analyzer) in TextFields)
            {
                if (analyzer is null)
                {
                    continue;
                }

                alternatives.Add(new JsonObject
                {
                    ["match"] = new JsonObject
                    {
                        [field] = new JsonObject
                        {
                            ["query"] = concept,
                            ["analyzer"] = analyzer,
                            ["fuzziness"] = "AUTO:4,8",
                            ["prefix_length"] = 1,
                            ["max_expansions"] = 30,
                            ["boost"] = Math.Round(boost * FuzzyFactor, 3),
                        },
                    },
                });
            }
        }

        return new JsonObject { ["bool"] = new JsonObject { ["should"] = alternatives, ["minimum_should_match"] = 1 } };
    }

    private static string FieldWithBoost(string field, double boost) =>
        boost == 1 ? field : field + "^" + boost.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static IEnumerable<JsonNode> QueryFilters(SearchQuery query)
    {
        if (!string.IsNullOrWhiteSpace(query.Province))
        {
            yield return Term("provinceCode", query.Province.Trim());
        }

        if (query.InStock is { } inStock)
        {
            yield return new JsonObject
            {
                ["range"] = new JsonObject { ["stock"] = inStock ? new JsonObject { ["gt"] = 0 } : new JsonObject { ["lte"] = 0 } },
            };
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
    private static SortedDictionary<string, JsonNode> FacetFilters(SearchQuery query)
    {
        var filters = new SortedDictionary<string, JsonNode>(StringComparer.Ordinal);
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
            filters["halal"] = Term("halal", halal);
        }

        if (query.MinPrice is not null || query.MaxPrice is not null)
        {
            var range = new JsonObject();
            if (query.MinPrice is { } min)
            {
                range["gte"] = min;
            }

            if (query.MaxPrice is { } max)
            {
                range["lte"] = max;
            }

            filters["price"] = new JsonObject { ["range"] = new JsonObject { ["priceAmount"] = range } };
        }

        return filters;
    }

    private static JsonObject FacetAggregation(SortedDictionary<string, JsonNode> facetFilters, string own, JsonObject aggregation) => new()
    {
        ["filter"] = AllOf(facetFilters.Where(f => f.Key != own).Select(f => f.Value)),
        ["aggs"] = new JsonObject { ["values"] = aggregation },
    };

    private static JsonObject AllOf(IEnumerable<JsonNode> filters) => new()
    {
        ["bool"] = new JsonObject { ["filter"] = new JsonArray([.. filters.Select(f => f.DeepClone())]) },
    };

    /// <summary>Most frequent first, then by value: the port's facet order.</summary>
    private static JsonObject Terms(string field, int size) => new()
    {
        ["field"] = field,
        ["size"] = size,
        ["order"] = new JsonArray(new JsonObject { ["_count"] = "desc" }, new JsonObject { ["_key"] = "asc" }),
    };

    private static JsonObject Label(string field) => new()
    {
        ["label"] = new JsonObject { ["terms"] = new JsonObject { ["field"] = field, ["size"] = 1 } },
    };

    private static JsonNode PriceRange((long? From, long? To) bucket)
    {
        // Range aggregations include "from" and exclude "to", as PriceBuckets does.
        var range = new JsonObject();
        if (bucket.From is { } from)
        {
            range["from"] = from;
        }

        if (bucket.To is { } to)
        {
            range["to"] = to;
        }

        return range;
    }

    /// <summary>Every sort ends with the product id, so equal keys keep one order across pages.</summary>
    public static JsonArray Sort(SearchSort sort) => sort switch
    {
        SearchSort.PriceAsc => new JsonArray(SortOn("priceAmount", "asc"), SortOn("productId", "asc")),
        SearchSort.PriceDesc => new JsonArray(SortOn("priceAmount", "desc"), SortOn("productId", "asc")),
        SearchSort.Newest => new JsonArray(SortOn("listedAt", "desc"), SortOn("productId", "asc")),
        _ => new JsonArray(SortOn("_score", "desc"), SortOn("listedAt", "desc"), SortOn("productId", "asc")),
    };

    private static JsonObject SortOn(string field, string order) => new() { [field] = new JsonObject { ["order"] = order } };

    private static JsonObject Highlight()
    {
        var fields = new JsonObject();
        foreach (var (field, whole) in HighlightFields)
        {
            fields[field] = whole
                ? new JsonObject { ["number_of_fragments"] = 0 }
                : new JsonObject { ["fragment_size"] = Highlighting.FragmentSize, ["number_of_fragments"] = Highlighting.MaxFragments };
        }

        return new JsonObject
        {
            ["pre_tags"] = new JsonArray(Highlighting.Pre),
            ["post_tags"] = new JsonArray(Highlighting.Post),
            // Text outside the marks is HTML-encoded, as the port promises.
            ["encoder"] = "html",
            ["fields"] = fields,
        };
    }

    // ---------------------------------------------------------------- suggest

    /// <summary>
    /// As-you-type: every typed word must be a prefix of a word of the name (edge n-grams), best first, one hit per
    /// distinct name (<c>collapse</c> on the normalised name).
    /// </summary>
    public static JsonObject Suggest(SuggestQuery query) => new()
    {
        ["size"] = Math.Clamp(query.Limit, 1, 50),
        ["_source"] = new JsonArray("productId", "name"),
        ["query"] = new JsonObject
        {
            ["match"] = new JsonObject
            {
                ["name.suggest"] = new JsonObject { ["query"] = query.Prefix.Trim(), ["operator"] = "and" },
            },
        },
        ["collapse"] = new JsonObject { ["field"] = "nameKey" },
        ["sort"] = new JsonArray(SortOn("_score", "desc"), SortOn("nameKey", "asc"), SortOn("productId", "asc")),
    };

    // ---------------------------------------------------------------- aliases

    /// <summary>
    /// One <c>_aliases</c> call, applied atomically: the alias leaves the old indices and points at the new one (and
    /// the rebuild marker leaves the new one). Searches see the old index or the new one, never none.
    /// </summary>
    public static JsonObject SwapAlias(string alias, IEnumerable<string> oldIndices, string newIndex, string? marker)
    {
        var actions = new JsonArray();
        foreach (var old in oldIndices)
        {
            actions.Add(new JsonObject { ["remove"] = new JsonObject { ["index"] = old, ["alias"] = alias } });
        }

        if (marker is not null)
        {
            actions.Add(new JsonObject { ["remove"] = new JsonObject { ["index"] = newIndex, ["alias"] = marker } });
        }

        actions.Add(new JsonObject { ["add"] = new JsonObject { ["index"] = newIndex, ["alias"] = alias } });
        return new JsonObject { ["actions"] = actions };
    }

    private static JsonObject Term(string field, string value) => new() { ["term"] = new JsonObject { [field] = value } };

    private static JsonObject Term(string field, bool value) => new() { ["term"] = new JsonObject { [field] = value } };
}

/// <summary>An index or alias a bulk request writes to.</summary>
internal readonly record struct BulkTarget(string Index, bool IsAlias);
