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

        const string formats = " `format` is csv (default; UTF-8 with a byte-order mark, cells that would run as a spreadsheet formula " +
                               "are prefixed with an apostrophe) or xlsx. Money is integer minor units (rupiah × 100) beside its currency.";
        api.MapGet("/exhibitions/{id:guid}/exports/booths", ExhibitionExports.Booths).WithTags("Analytics")
            .WithName("Analytics_ExportBooths").RequireAuthorization(Policies.Organiser)
            .Produces(200, contentType: "text/csv", additionalContentTypes: ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"])
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404)
            .WithSummary("Your exhibition's booths with their results, as a file (organiser only).")
            .WithDescription("Every booth: hall, slot, tier, shop, sub-sector, visits, unique visitors, leads, add-to-carts, paid orders " +
                             "and paid sales attributed to it." + formats);
        api.MapGet("/exhibitions/{id:guid}/exports/leads", ExhibitionExports.Leads).WithTags("Analytics")
            .WithName("Analytics_ExportLeads").RequireAuthorization(Policies.Organiser)
            .Produces(200, contentType: "text/csv", additionalContentTypes: ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"])
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404)
            .WithSummary("Your exhibition's leads, as a file (organiser only).")
            .WithDescription("Kind, status, booth, product, quantity, shipping city and quoted price of every lead — never the visitor's " +
                             "name, contact, company or message, which were given to the exhibitor alone." + formats);
        api.MapGet("/exhibitions/{id:guid}/exports/days", ExhibitionExports.Days).WithTags("Analytics")
            .WithName("Analytics_ExportDays").RequireAuthorization(Policies.Organiser)
            .Produces(200, contentType: "text/csv", additionalContentTypes: ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"])
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404)
            .WithSummary("Your exhibition's daily totals, as a file (organiser only).")
            .WithDescription("One row per Asia/Jakarta day: visits, leads, add-to-carts, paid orders and paid sales." + formats);
    }
}
