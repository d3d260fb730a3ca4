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
            .ProducesProblem(503)
            .WithSummary("Find published products by words (Indonesian or English, typos and synonyms tolerated), filters and sort; with highlights and facet counts.");
        search.MapGet("/suggest", SuggestProducts.Handle).Validate<SuggestRequest>()
            .ProducesProblem(503)
            .WithSummary("As-you-type suggestions: product names that complete what was typed.");
    }
}
