using Marketplace.BuildingBlocks.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Marketplace.Search.Querying;

internal static class SearchEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var search = api.MapGroup("/search").WithTags("Search");
        search.MapGet("/products", SearchProducts.Handle).Validate<SearchProductsRequest>()
            .WithName("Search_Products").AllowAnonymous().ProducesProblem(503)
            .WithSummary("Find published products by words, filters and sort; with highlights and facet counts.")
            .WithDescription("Words in Indonesian or English, typos and synonyms tolerated. Filters (sub-sector, city, province, price " +
                             "range, halal, in stock, exhibition, shop) narrow the hits; facets count what each filter would add. " +
                             "503 with Retry-After when the search engine does not answer in time.");
        search.MapGet("/suggest", SuggestProducts.Handle).Validate<SuggestRequest>()
            .WithName("Search_Suggest").AllowAnonymous().ProducesProblem(503)
            .WithSummary("As-you-type suggestions: product names that complete what was typed.")
            .WithDescription("For a search box: a few published product names that start with the typed words. 503 with Retry-After " +
                             "when the search engine does not answer in time.");
    }
}
