using Marketplace.BuildingBlocks.Http;
using Marketplace.SharedKernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Marketplace.Catalog.Shops;

internal static class ShopEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var shops = api.MapGroup("/shops").WithTags("Storefronts");
        shops.MapPost("/", CreateShop.Handle).Validate<CreateShopRequest>()
            .WithName("Shops_Create").RequireAuthorization(Policies.Merchant).ProducesProblem(403).ProducesProblem(409)
            .WithSummary("Open a storefront (merchants).")
            .WithDescription("Name, city (a code from GET /api/v1/regions/cities), 1 to 5 sub-sectors, story (rich text, sanitized), " +
                             "contacts and a flat shipping rate. The slug is derived from the name unless given; 409 when it is taken " +
                             "or the merchant already has the most shops allowed.");
        shops.MapGet("/", ShopQueries.List)
            .WithName("Shops_List").AllowAnonymous().ProducesValidationProblem()
            .WithSummary("Browse active storefronts by city, sub-sector or name.")
            .WithDescription("Active storefronts only (suspended ones are hidden), paged. Filters combine.");
        shops.MapGet("/by-slug/{slug}", ShopQueries.GetBySlug)
            .WithName("Shops_GetBySlug").AllowAnonymous().ProducesProblem(404).Produces(StatusCodes.Status304NotModified)
            .WithSummary("A storefront by its slug. Sends an ETag; answers If-None-Match with 304.")
            .WithDescription("The public storefront page. A suspended shop is visible only to its owner and admins (404 for everyone else).");
        shops.MapPatch("/{id:guid}", UpdateShop.Handle).Validate<UpdateShopRequest>()
            .WithName("Shops_Update").RequireAuthorization(Policies.Merchant).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Edit your storefront (owner only). Absent fields are left as they are.")
            .WithDescription("Send only what changes; an empty story or contact clears it. A new slug must be free (409), as must the edit " +
                             "not race another one (409).");
        shops.MapPost("/{id:guid}/verify", ModerateShop.Verify)
            .WithName("Shops_Verify").RequireAuthorization(Policies.Admin).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Mark a storefront as verified (admins).")
            .WithDescription("Shoppers see a verified badge. Repeating it changes nothing. 409 on a concurrent change.");
        shops.MapPost("/{id:guid}/suspend", ModerateShop.Suspend).Validate<SuspendShopRequest>()
            .WithName("Shops_Suspend").RequireAuthorization(Policies.Admin).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Suspend a storefront: it and its products leave the shop window (admins).")
            .WithDescription("With a reason the owner can read. Products leave search and can no longer be bought until reinstated.");
        shops.MapPost("/{id:guid}/reinstate", ModerateShop.Reinstate)
            .WithName("Shops_Reinstate").RequireAuthorization(Policies.Admin).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Lift a suspension (admins).")
            .WithDescription("The shop and its published products are back in the shop window and in search.");

        api.MapGet("/admin/shops", ListShopsForModeration.Handle).WithTags("Storefronts")
            .WithName("Shops_ListForModeration").RequireAuthorization(Policies.Admin).ProducesProblem(400).ProducesProblem(403)
            .WithSummary("Storefronts to moderate (admins).")
            .WithDescription("`state=unverified` (the default: active shops waiting for verification, oldest first), `suspended`, " +
                             "`verified` or `all` (these by latest change first); suspended shops included, which the public list hides. Paged.");
        api.MapGet("/me/shops", ShopQueries.Mine).WithTags("Storefronts")
            .WithName("Shops_ListMine").RequireAuthorization(Policies.Merchant).ProducesProblem(403)
            .WithSummary("Your own storefronts (merchants).")
            .WithDescription("Every shop the signed-in merchant owns, suspended ones included.");
    }
}
