using Marketplace.BuildingBlocks.Http;
using Marketplace.SharedKernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Marketplace.Catalog.Products;

internal static class ProductEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/shops/{shopId:guid}/products", CreateProduct.Handle).Validate<CreateProductRequest>()
            .WithTags("Products").WithName("Products_Create")
            .RequireAuthorization(Policies.Merchant).ProducesProblem(403).ProducesProblem(404)
            .WithSummary("Add a product to your shop, as a draft (owner only).")
            .WithDescription("Price in minor units ({\"amount\": 2500000, \"currency\": \"IDR\"} is Rp 25.000), stock, sub-sector, " +
                             "description and story (rich text, sanitized), and attributes such as the P-IRT, halal and BPOM numbers " +
                             "in any of their printed forms. Shoppers see it after POST /api/v1/products/{id}/publish.");
        api.MapGet("/shops/by-slug/{slug}/products", ProductQueries.ListForShop)
            .WithTags("Products").WithName("Products_ListForShop").AllowAnonymous()
            .ProducesValidationProblem().ProducesProblem(404)
            .WithSummary("A shop's products: published ones for shoppers, drafts too for the owner.")
            .WithDescription("Newest first, paged. The owner (signed in) may filter by status=draft|published; shoppers always get " +
                             "published products. A suspended shop answers 404 to everyone but its owner.");

        var products = api.MapGroup("/products").WithTags("Products");
        products.MapGet("/{id:guid}", ProductQueries.Get)
            .WithName("Products_Get").AllowAnonymous().ProducesProblem(404).Produces(StatusCodes.Status304NotModified)
            .WithSummary("A product page. Sends an ETag; answers If-None-Match with 304.")
            .WithDescription("A published product for everyone; a draft for its owner only (404 for everyone else).");
        products.MapPatch("/{id:guid}", UpdateProduct.Handle).Validate<UpdateProductRequest>()
            .WithName("Products_Update").RequireAuthorization(Policies.Merchant).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Edit a product (owner only). Absent fields are left as they are.")
            .WithDescription("Send only what changes. A price change reaches carts (flagged priceChanged) and search. 409 on a concurrent edit.");
        products.MapDelete("/{id:guid}", ProductLifecycle.Delete)
            .WithName("Products_Delete").RequireAuthorization(Policies.Merchant).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Delete a product (owner only). Past orders keep their snapshot.")
            .WithDescription("Kept as a tombstone: it leaves the shop window and search, while orders and carts that refer to it keep " +
                             "their snapshot. 409 on a concurrent edit.");
        products.MapPut("/{id:guid}/stock", ProductLifecycle.SetStock).Validate<SetStockRequest>()
            .WithName("Products_SetStock").RequireAuthorization(Policies.Merchant).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Set the units available (owner only).")
            .WithDescription("The absolute number of units available, 0 to 1,000,000 (not a delta). 409 on a concurrent edit.");
        products.MapPost("/{id:guid}/publish", ProductLifecycle.Publish)
            .WithName("Products_Publish").RequireAuthorization(Policies.Merchant).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Show the product to shoppers (owner only).")
            .WithDescription("It appears on the shop page at once and in search about a second later. 409 while the shop is suspended.");
        products.MapPost("/{id:guid}/unpublish", ProductLifecycle.Unpublish)
            .WithName("Products_Unpublish").RequireAuthorization(Policies.Merchant).ProducesProblem(403).ProducesProblem(404)
            .WithSummary("Take the product back to draft (owner only).")
            .WithDescription("It leaves the shop page and search until published again.");
    }
}
