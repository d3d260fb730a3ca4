using Marketplace.SharedKernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Marketplace.Exhibitions.Analytics;

internal static class AnalyticsEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/exhibitions/{id:guid}/analytics", ExhibitionAnalytics.ForExhibition).WithTags("Analytics")
            .WithName("Analytics_Exhibition").RequireAuthorization(Policies.Organiser).ProducesProblem(403).ProducesProblem(404)
            .WithSummary("Your exhibition's numbers (organiser only).")
            .WithDescription("Visits, unique visitors, top and trending booths, leads, add-to-carts and paid sales attributed to " +
                             "booths, by sub-sector and by day.");
        api.MapGet("/booths/{id:guid}/analytics", ExhibitionAnalytics.ForBooth).WithTags("Analytics")
            .WithName("Analytics_Booth").RequireAuthorization().ProducesProblem(403).ProducesProblem(404)
            .WithSummary("Your booth's numbers (its exhibitor, or the organiser).")
            .WithDescription("Visits, unique visitors, leads, add-to-carts and paid sales, by day.");
    }
}
