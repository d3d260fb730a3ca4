using Marketplace.BuildingBlocks.Http;
using Marketplace.SharedKernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Marketplace.Catalog.Products;

internal static class ProductEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/shops/{shopId:guid}/products", CreateProduct.Handle).Validate<CreateProductRequest>()
            .WithTags("Products").RequireAuthorization(Policies.Merchant).ProducesProblem(403).ProducesProblem(404)
            .WithSummary("Add a product to your shop, as a draft (owner only).");
        api.MapGet("/shops/{slug}/products", ProductQueries.ListForShop)
            .WithTags("Products").ProducesProblem(404)
            .WithSummary("A shop's products: published ones for shoppers, drafts too for the owner.");

        var products = api.MapGroup("/products").WithTags("Products");
        products.MapGet("/{id:guid}", ProductQueries.Get)
            .ProducesProblem(404).Produces(304)
            .WithSummary("A product page. Sends an ETag; answers If-None-Match with 304.");
        products.MapPatch("/{id:guid}", UpdateProduct.Handle).Validate<UpdateProductRequest>()
            .RequireAuthorization(Policies.Merchant).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Edit a product (owner only). Absent fields are left as they are.");
        products.MapDelete("/{id:guid}", ProductLifecycle.Delete)
            .RequireAuthorization(Policies.Merchant).ProducesProblem(403).ProducesProblem(404)
            .WithSummary("Delete a product (owner only). Past orders keep their snapshot.");
        products.MapPut("/{id:guid}/stock", ProductLifecycle.SetStock).Validate<SetStockRequest>()
            .RequireAuthorization(Policies.Merchant).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Set the units available (owner only).");
        products.MapPost("/{id:guid}/publish", ProductLifecycle.Publish)
            .RequireAuthorization(Policies.Merchant).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Show the product to shoppers (owner only).");
        products.MapPost("/{id:guid}/unpublish", ProductLifecycle.Unpublish)
            .RequireAuthorization(Policies.Merchant).ProducesProblem(403).ProducesProblem(404)
            .WithSummary("Take the product back to draft (owner only).");
    }
}
