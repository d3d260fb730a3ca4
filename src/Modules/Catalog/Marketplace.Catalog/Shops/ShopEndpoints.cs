using Marketplace.BuildingBlocks.Http;
using Marketplace.SharedKernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Marketplace.Catalog.Shops;

internal static class ShopEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var shops = api.MapGroup("/shops").WithTags("Storefronts");
        shops.MapPost("/", CreateShop.Handle).Validate<CreateShopRequest>()
            .RequireAuthorization(Policies.Merchant).ProducesProblem(403).ProducesProblem(409)
            .WithSummary("Open a storefront (merchants).");
        shops.MapGet("/", ShopQueries.List)
            .WithSummary("Browse active storefronts by city, sub-sector or name.");
        shops.MapGet("/{slug}", ShopQueries.GetBySlug)
            .ProducesProblem(404).Produces(304)
            .WithSummary("A storefront by its slug. Sends an ETag; answers If-None-Match with 304.");
        shops.MapPatch("/{id:guid}", UpdateShop.Handle).Validate<UpdateShopRequest>()
            .RequireAuthorization(Policies.Merchant).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Edit your storefront (owner only). Absent fields are left as they are.");
        shops.MapPost("/{id:guid}/verify", ModerateShop.Verify)
            .RequireAuthorization(Policies.Admin).ProducesProblem(404)
            .WithSummary("Mark a storefront as verified (admins).");
        shops.MapPost("/{id:guid}/suspend", ModerateShop.Suspend).Validate<SuspendShopRequest>()
            .RequireAuthorization(Policies.Admin).ProducesProblem(404)
            .WithSummary("Suspend a storefront: it and its products leave the shop window (admins).");
        shops.MapPost("/{id:guid}/reinstate", ModerateShop.Reinstate)
            .RequireAuthorization(Policies.Admin).ProducesProblem(404)
            .WithSummary("Lift a suspension (admins).");

        api.MapGet("/me/shops", ShopQueries.Mine).WithTags("Storefronts")
            .RequireAuthorization(Policies.Merchant).WithSummary("Your own storefronts (merchants).");
    }
}
