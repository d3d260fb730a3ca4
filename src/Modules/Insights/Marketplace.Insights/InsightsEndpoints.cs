using Marketplace.Insights.Queries;
using Marketplace.SharedKernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Marketplace.Insights;

internal static class InsightsEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var insights = api.MapGroup("/insights").WithTags("Insights")
            .RequireAuthorization(policy => policy.RequireRole(Roles.Organiser, Roles.Admin));
        insights.MapGet("/summary", GetInsights.Handle)
            .WithName("Insights_Summary").ProducesProblem(400).ProducesProblem(403)
            .WithSummary("The creative economy of a region: MSMEs, products, orders, paid GMV, market reach, exhibitions (organisers and admins).")
            .WithDescription("Filters: province, city (a city/regency code), subsector, from and to (yyyy-MM, Asia/Jakarta; default the " +
                             "last twelve months, at most 60). Active MSMEs and products listed are as of now; orders, paid GMV (minor " +
                             "units), buyers, repeat buyers, buyers from outside the city / province / abroad and exhibition outcomes " +
                             "(booths, leads, attributed sales) are for the period, by region, by sub-sector and by month. Read from " +
                             "aggregates the module keeps from the other modules' events, never from the orders.");
        insights.MapGet("/export", ExportInsights.Handle)
            .WithName("Insights_Export").ProducesProblem(400).ProducesProblem(403)
            .Produces(200, contentType: "text/csv", additionalContentTypes: ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"])
            .WithSummary("The same numbers as a file: one row per city/regency, sub-sector and month (organisers and admins).")
            .WithDescription("The summary's filters plus `format`: csv (default) or xlsx. Sub-sector `*` is all sub-sectors together; " +
                             "money is integer minor units (rupiah × 100).");
    }
}
