using Marketplace.Web.Api.Seller;
using Marketplace.Web.Session;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Marketplace.Web.Seller;

/// <summary>
/// Files the seller centre hands out. The browser holds no API token (it stays in the server-side session), so the
/// statement's CSV is fetched here with the merchant's token and streamed through, as the API wrote it.
/// </summary>
internal static class SellerDownloads
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/seller/money/statement.csv", StatementCsvAsync).ExcludeFromDescription();
    }

    private static async Task<IResult> StatementCsvAsync(HttpContext context, WebSession session, ISellerApi seller, DateTimeOffset? from, DateTimeOffset? to)
    {
        if (!session.IsSignedIn)
        {
            return Results.Redirect("/sign-in?returnUrl=%2Fseller%2Fmoney");
        }

        if (session.Data!.Role != "merchant")
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        var shop = (await seller.MyShopsAsync(context.RequestAborted)).OrderBy(s => s.CreatedAt).FirstOrDefault();
        if (shop is null)
        {
            return Results.NotFound();
        }

        var response = await seller.StatementCsvAsync(shop.Id, from, to, context.RequestAborted);
        context.Response.RegisterForDispose(response);
        if (!response.IsSuccessStatusCode)
        {
            return Results.StatusCode((int)response.StatusCode);
        }

        var stream = await response.Content.ReadAsStreamAsync(context.RequestAborted);
        return Results.Stream(stream, "text/csv; charset=utf-8", $"statement-{shop.Slug}.csv");
    }
}
