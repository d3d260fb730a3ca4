using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Marketplace.Api.Hosting;

internal static class OpenApiSetup
{
    public const string BearerScheme = "Bearer";

    /// <summary>
    /// The /docs page (Scalar) on top of the strict default: its inline start-up script is allowed by hash (the
    /// page is buffered and hashed), its styles are inline, and it calls the API and fetches fonts from its origin.
    /// </summary>
    public static void DocsPagePolicy(Marketplace.BuildingBlocks.Http.ContentSecurityPolicy policy) =>
        policy.Allow("style-src", "'unsafe-inline'").Allow("font-src", "data:");

    /// <summary>The v1 document: bearer security on the routes that need a token, so /docs can call them.</summary>
    public static IServiceCollection AddMarketplaceOpenApi(this IServiceCollection services) =>
        services.AddOpenApi("v1", options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Marketplace API",
                    Version = "v1",
                    Description = "Storefronts, products and virtual exhibitions for Indonesia's creative-economy MSMEs. " +
                                  "Sign in with POST /api/v1/auth/login and paste the accessToken into the Bearer box.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = "Access token from POST /api/v1/auth/login.",
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                var needsToken = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
                if (needsToken)
                {
                    operation.Security ??= [];
                    operation.Security.Add(new OpenApiSecurityRequirement
                    {
                        [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [],
                    });
                    operation.Responses ??= new OpenApiResponses();
                    operation.Responses.TryAdd("401", new OpenApiResponse { Description = "No valid access token." });
                }

                return Task.CompletedTask;
            });
        });
}
