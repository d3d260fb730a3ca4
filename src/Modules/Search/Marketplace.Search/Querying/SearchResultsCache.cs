using System.Text.Json;
using Marketplace.Search.Engines;

namespace Marketplace.Search.Querying;

/// <summary>
/// Keys and lifetime of cached search result pages. A page lives one second at most (L1 and Redis), and every index
/// write evicts all of them on every instance, so a shopper never waits long for a change while a query that
/// thousands repeat (a hot exhibition's booth list, "pempek") is computed about once a second.
/// </summary>
internal static class SearchResultsCache
{
    public const string Tag = "search:results";

    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The whole normalised query (words, filters, sort, page) is the key. A page is cached as the response's JSON
    /// ("json:"): entries an older version left in Redis, the response object serialised by HybridCache, are not read.
    /// </summary>
    public static string KeyFor(SearchQuery query) => "search:products:json:" + JsonSerializer.Serialize(query);
}
