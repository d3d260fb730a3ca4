using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Api.Tests;

[Collection(AppCollection.Name)]
public sealed class OpenApiTests(MarketplaceApp app)
{
    [Fact]
    public async Task Every_api_route_is_in_the_openapi_document_with_a_success_response()
    {
        var document = await app.Anonymous().GetJsonAsync("/openapi/v1.json");
        var paths = document["paths"]!.AsObject();
        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (Path: Normalize(e.RoutePattern.RawText!), Method: m.ToLowerInvariant())))
            .Distinct()
            .ToList();
        Assert.NotEmpty(routes);

        foreach (var (path, method) in routes)
        {
            Assert.True(paths.ContainsKey(path), $"{method.ToUpperInvariant()} {path} is missing from /openapi/v1.json");
            var operation = paths[path]![method];
            Assert.True(operation is not null, $"{method.ToUpperInvariant()} {path} is missing from /openapi/v1.json");
            var responses = operation!["responses"]!.AsObject();
            Assert.True(responses.Any(r => r.Key.StartsWith('2')), $"{method.ToUpperInvariant()} {path} documents no success response");
            Assert.True(operation["summary"] is not null, $"{method.ToUpperInvariant()} {path} has no summary");
        }
    }

    [Fact]
    public async Task Routes_that_need_a_token_say_so_in_the_document()
    {
        var document = await app.Anonymous().GetJsonAsync("/openapi/v1.json");
        var createShop = document["paths"]!["/api/v1/shops"]!["post"]!;
        Assert.NotNull(createShop["security"]);
        Assert.NotNull(document["components"]!["securitySchemes"]!["Bearer"]);
        Assert.Null(document["paths"]!["/api/v1/subsectors"]!["get"]!["security"]);
    }

    [Fact]
    public async Task The_interactive_docs_are_served_at_docs()
    {
        var response = await app.Anonymous().GetAsync("/docs");
        await response.ShouldHaveStatusAsync(200);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    // Route constraints ({id:guid}) are not part of OpenAPI paths.
    private static string Normalize(string raw) =>
        System.Text.RegularExpressions.Regex.Replace(raw.TrimEnd('/'), @"\{([^}:]+)(:[^}]+)?\}", "{$1}");
}
