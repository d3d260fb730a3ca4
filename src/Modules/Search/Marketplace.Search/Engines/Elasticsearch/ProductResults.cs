using System.Globalization;
using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Aggregations;

namespace Marketplace.Search.Engines.Elasticsearch;

/// <summary>Reads the client's typed <c>_search</c> answers into the port's records.</summary>
internal static class ProductResults
{
    private static readonly string[] HighlightOrder = ["name", "nameEn", "category", "description", "descriptionEn", "story", "shopName"];

    public static SearchResult Search(SearchResponse<ProductSource> response)
    {
        CheckShards(response);
        var hits = new List<SearchHit>(response.Hits.Count);
        foreach (var hit in response.Hits)
        {
            var source = hit.Source ?? throw new ElasticsearchUnavailableException("A search hit without _source.");
            hits.Add(new SearchHit(
                Guid.Parse(source.ProductId), source.Name, source.NameEn, source.PriceAmount, source.Currency,
                Guid.Parse(source.ShopId), source.ShopSlug, source.ShopName, source.CityCode, source.CityName,
                source.SubsectorCode, source.SubsectorName, source.Stock, source.Halal, source.ImageUrl, source.ListedAt,
                hit.Score ?? 0d, Highlights(hit.Highlight)));
        }

        return new SearchResult(hits, response.Total, Facets(response.Aggregations));
    }

    public static IReadOnlyList<Suggestion> Suggestions(SearchResponse<SuggestSource> response)
    {
        CheckShards(response);
        return [.. response.Hits.Where(h => h.Source is not null).Select(h => new Suggestion(h.Source!.Name, Guid.Parse(h.Source.ProductId)))];
    }

    /// <summary>
    /// Shard failures inside a 200 answer (partial results: a shard copy missing, a node dropping out, a shard-level
    /// timeout): the hits and facet counts would be silently incomplete, so the search counts as unavailable.
    /// </summary>
    private static void CheckShards<T>(SearchResponse<T> response)
    {
        var shards = response.Shards;
        if (shards is { Failed: > 0 })
        {
            var reasons = (shards.Failures ?? [])
                .Select(f => $"[{f.Index}][{f.Shard}] {f.Reason.Type}: {f.Reason.Reason}")
                .Distinct()
                .Take(3);
            throw new ElasticsearchUnavailableException(
                string.Create(CultureInfo.InvariantCulture, $"{shards.Failed} of {shards.Total} shards failed: {string.Join("; ", reasons)}"));
        }

        if (response.TimedOut)
        {
            throw new ElasticsearchUnavailableException("the search timed out on the shards (partial results)");
        }
    }

    private static List<HighlightField> Highlights(IReadOnlyDictionary<string, IReadOnlyCollection<string>>? highlight)
    {
        var fields = new List<HighlightField>();
        foreach (var field in HighlightOrder)
        {
            if (highlight is not null && highlight.TryGetValue(field, out var fragments) && fragments.Count > 0)
            {
                fields.Add(new HighlightField(field, [.. fragments]));
            }
        }

        return fields;
    }

    private static SearchFacets Facets(AggregateDictionary? aggregations) => aggregations is null
        ? SearchFacets.Empty
        : new SearchFacets(
            ValueFacet(Values(aggregations, "subsector")),
            ValueFacet(Values(aggregations, "city")),
            ValueFacet(Values(aggregations, "halal")),
            PriceRanges(Values(aggregations, "priceRanges")));

    /// <summary>The <c>values</c> aggregation inside a facet's <c>filter</c> aggregation.</summary>
    private static IAggregate? Values(AggregateDictionary aggregations, string facet) =>
        aggregations.TryGetAggregate(facet, out var outer) && outer is FilterAggregate { Aggregations: { } inner } && inner.TryGetAggregate("values", out var values)
            ? values
            : null;

    private static List<FacetCount> ValueFacet(IAggregate? aggregate)
    {
        var counts = new List<FacetCount>();
        switch (aggregate)
        {
            case StringTermsAggregate terms:
                foreach (var bucket in terms.Buckets.Where(b => b.DocCount > 0))
                {
                    counts.Add(new FacetCount(KeyText(bucket.Key), Label(bucket.Aggregations), bucket.DocCount));
                }

                break;
            case LongTermsAggregate terms:
                // Boolean terms come back as key 1/0 with key_as_string "true"/"false".
                foreach (var bucket in terms.Buckets.Where(b => b.DocCount > 0))
                {
                    counts.Add(new FacetCount(bucket.KeyAsString ?? bucket.Key.ToString(CultureInfo.InvariantCulture), Label(bucket.Aggregations), bucket.DocCount));
                }

                break;
        }

        return counts;
    }

    private static string? Label(AggregateDictionary? aggregations) =>
        aggregations is not null && aggregations.TryGetAggregate("label", out var label) && label is StringTermsAggregate { Buckets: { Count: > 0 } buckets }
            ? KeyText(buckets.First().Key)
            : null;

    private static List<PriceRangeCount> PriceRanges(IAggregate? aggregate) =>
        aggregate is RangeAggregate range
            ? [.. range.Buckets.Select(b => new PriceRangeCount((long?)b.From, (long?)b.To, b.DocCount))]
            : [];

    private static string KeyText(FieldValue key) =>
        key.TryGetString(out var text) ? text! : key.TryGetLong(out var number) ? number!.Value.ToString(CultureInfo.InvariantCulture) : key.ToString();
}
