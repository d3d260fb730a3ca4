using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Marketplace.Search.Engines.Elasticsearch;

/// <summary>One failed item of a <c>_bulk</c> answer.</summary>
internal sealed record BulkItemFailure(string Action, string? Index, string? Id, int Status, string? ErrorType, string? Reason)
{
    /// <summary>429 (queue full) and 5xx items succeed on a later attempt; others (a mapping error) need a fix.</summary>
    public bool Retryable => Status == 429 || Status >= 500;

    public override string ToString() => $"{Action} {Id} into {Index}: {Status} {ErrorType}: {Reason}";
}

/// <summary>Reads the answers of <c>_search</c> and <c>_bulk</c> into the port's records.</summary>
internal static class ElasticsearchResponses
{
    /// <summary>
    /// <c>_bulk</c> answers 200 even when items fail; the failures are items carrying an <c>error</c> (with
    /// <c>errors: true</c> at the top). A delete of an absent id is <c>result: not_found</c> with no error: not a failure.
    /// </summary>
    public static IReadOnlyList<BulkItemFailure> BulkFailures(JsonNode? body)
    {
        if (body?["errors"]?.GetValue<bool>() != true)
        {
            return [];
        }

        var failures = new List<BulkItemFailure>();
        foreach (var entry in body["items"]?.AsArray() ?? [])
        {
            if (entry is not JsonObject item || item.Count == 0)
            {
                continue;
            }

            var (action, result) = item.First();
            if (result?["error"] is not { } error)
            {
                continue;
            }

            var (type, reason) = ElasticsearchClient.ReadError(new JsonObject { ["error"] = error.DeepClone() });
            failures.Add(new BulkItemFailure(
                action,
                result["_index"]?.GetValue<string>(),
                result["_id"]?.GetValue<string>(),
                result["status"]?.GetValue<int>() ?? 0,
                type,
                reason));
        }

        if (failures.Count == 0)
        {
            // errors: true without a readable failed item: do not pretend the batch went through.
            failures.Add(new BulkItemFailure("bulk", null, null, 500, null, "errors: true without failed items"));
        }

        return failures;
    }

    /// <summary>
    /// Shard failures inside a 200 answer (partial results: a shard copy missing, a node dropping out, a shard-level
    /// timeout): the hits and facet counts would be silently incomplete, so the search counts as unavailable.
    /// </summary>
    public static string? ShardFailure(JsonNode body)
    {
        var shards = body["_shards"];
        var failed = shards?["failed"]?.GetValue<int>() ?? 0;
        if (failed > 0)
        {
            var reasons = (shards!["failures"]?.AsArray() ?? [])
                .Select(f => f?["reason"] is JsonObject r
                    ? $"[{f["index"]}][{f["shard"]}] {r["type"]}: {r["reason"]}"
                    : $"[{f?["index"]}][{f?["shard"]}] {f?["reason"]}")
                .Distinct()
                .Take(3);
            return $"{failed} of {shards["total"]} shards failed: {string.Join("; ", reasons)}";
        }

        if (body["timed_out"]?.GetValue<bool>() == true)
        {
            return "the search timed out on the shards (partial results)";
        }

        return null;
    }

    public static SearchResult Search(JsonNode body)
    {
        var hitsNode = body["hits"]!;
        var total = hitsNode["total"] switch
        {
            JsonObject t => t["value"]!.GetValue<long>(),
            JsonValue v => v.GetValue<long>(),
            _ => 0,
        };

        var hits = new List<SearchHit>();
        foreach (var hit in hitsNode["hits"]?.AsArray() ?? [])
        {
            var source = hit!["_source"].Deserialize<ProductSource>(ProductSource.Json)
                ?? throw new JsonException("A search hit without _source.");
            var score = hit["_score"] is JsonValue s && s.TryGetValue<double>(out var value) ? value : 0d;
            hits.Add(new SearchHit(
                Guid.Parse(source.ProductId), source.Name, source.NameEn, source.PriceAmount, source.Currency,
                Guid.Parse(source.ShopId), source.ShopSlug, source.ShopName, source.CityCode, source.CityName,
                source.SubsectorCode, source.SubsectorName, source.Stock, source.Halal, source.ImageUrl, source.ListedAt,
                score, Highlights(hit["highlight"] as JsonObject)));
        }

        return new SearchResult(hits, total, Facets(body["aggregations"] as JsonObject));
    }

    public static IReadOnlyList<Suggestion> Suggestions(JsonNode body) =>
    [
        .. (body["hits"]?["hits"]?.AsArray() ?? [])
            .Select(hit => new Suggestion(hit!["_source"]!["name"]!.GetValue<string>(), Guid.Parse(hit["_source"]!["productId"]!.GetValue<string>()))),
    ];

    private static readonly string[] HighlightOrder = ["name", "nameEn", "category", "description", "descriptionEn", "story", "shopName"];

    private static List<HighlightField> Highlights(JsonObject? highlight)
    {
        var fields = new List<HighlightField>();
        if (highlight is null)
        {
            return fields;
        }

        foreach (var field in HighlightOrder)
        {
            if (highlight[field] is JsonArray fragments && fragments.Count > 0)
            {
                fields.Add(new HighlightField(field, [.. fragments.Select(f => f!.GetValue<string>())]));
            }
        }

        return fields;
    }

    private static SearchFacets Facets(JsonObject? aggregations)
    {
        if (aggregations is null)
        {
            return SearchFacets.Empty;
        }

        return new SearchFacets(
            ValueFacet(aggregations["subsector"]),
            ValueFacet(aggregations["city"]),
            ValueFacet(aggregations["halal"]),
            PriceRanges(aggregations["priceRanges"]));
    }

    private static List<FacetCount> ValueFacet(JsonNode? aggregation)
    {
        var counts = new List<FacetCount>();
        foreach (var bucket in aggregation?["values"]?["buckets"]?.AsArray() ?? [])
        {
            var count = bucket!["doc_count"]!.GetValue<long>();
            if (count == 0)
            {
                continue;
            }

            // Boolean terms come back as key 1/0 with key_as_string "true"/"false".
            var value = bucket["key_as_string"]?.GetValue<string>() ?? KeyText(bucket["key"]!);
            var label = bucket["label"]?["buckets"]?.AsArray() is [var first, ..] ? KeyText(first!["key"]!) : null;
            counts.Add(new FacetCount(value, label, count));
        }

        return counts;
    }

    private static List<PriceRangeCount> PriceRanges(JsonNode? aggregation)
    {
        var counts = new List<PriceRangeCount>();
        foreach (var bucket in aggregation?["values"]?["buckets"]?.AsArray() ?? [])
        {
            counts.Add(new PriceRangeCount(
                bucket!["from"] is JsonValue from ? (long)from.GetValue<double>() : null,
                bucket["to"] is JsonValue to ? (long)to.GetValue<double>() : null,
                bucket["doc_count"]!.GetValue<long>()));
        }

        return counts;
    }

    private static string KeyText(JsonNode key) => key.GetValueKind() switch
    {
        JsonValueKind.String => key.GetValue<string>(),
        JsonValueKind.Number => key.GetValue<double>().ToString(CultureInfo.InvariantCulture),
        _ => key.ToJsonString(),
    };
}
