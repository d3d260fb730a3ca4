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

        // Whether a route needs a token is said, not implied: the document's security follows from it.
        var unsaid = app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>() is null
                        && e.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is null)
            .Select(e => e.DisplayName)
            .ToList();
        Assert.True(unsaid.Count == 0, "Say RequireAuthorization() or AllowAnonymous() on: " + string.Join(", ", unsaid));
    }

    [Fact]
    public async Task Routes_say_whether_they_need_a_token_take_one_optionally_or_need_none()
    {
        var document = await app.Anonymous().GetJsonAsync("/openapi/v1.json");
        var paths = document["paths"]!;
        Assert.NotNull(document["components"]!["securitySchemes"]!["Bearer"]);

        var createShop = paths["/api/v1/shops"]!["post"]!;
        Assert.Equal("Bearer", Assert.Single(createShop["security"]!.AsArray())!.AsObject().Single().Key);
        Assert.NotNull(createShop["responses"]!["401"]);
        Assert.NotNull(createShop["responses"]!["403"]);

        // Anonymous: an explicit empty list, so generators do not fall back to a global requirement.
        Assert.Empty(paths["/api/v1/subsectors"]!["get"]!["security"]!.AsArray());

        // Optional: a guest or a signed-in shopper (the cart is theirs, a draft is visible to its owner).
        var cart = paths["/api/v1/cart"]!["get"]!["security"]!.AsArray();
        Assert.Equal(2, cart.Count);
        Assert.Empty(cart[0]!.AsObject());
        Assert.Equal("Bearer", cart[1]!.AsObject().Single().Key);
    }

    [Fact]
    public async Task Every_operation_has_a_unique_id_a_summary_a_description_and_its_4xx_responses()
    {
        var document = await app.Anonymous().GetJsonAsync("/openapi/v1.json");
        var ids = new HashSet<string>(StringComparer.Ordinal);

        // Lists that take no input and need no token have no 4xx to document (see docs/api.md).
        string[] inputless = ["GET /api/v1/subsectors", "GET /api/v1/regions/provinces", "GET /api/v1/ledger/banks", "GET /api/v1/checkout/payment-methods"];
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                var name = $"{method.ToUpperInvariant()} {path}";
                var id = operation!["operationId"]?.GetValue<string>();
                Assert.True(id is not null && System.Text.RegularExpressions.Regex.IsMatch(id, "^[A-Z][A-Za-z]+_[A-Z][A-Za-z]+$"),
                    $"{name} needs .WithName(\"Area_Verb\"), has '{id}'");
                Assert.True(ids.Add(id!), $"operationId {id} is used twice");
                Assert.False(string.IsNullOrWhiteSpace(operation["summary"]?.GetValue<string>()), $"{name} has no summary");
                Assert.False(string.IsNullOrWhiteSpace(operation["description"]?.GetValue<string>()), $"{name} has no description");
                Assert.NotNull(operation["security"]);
                Assert.True(inputless.Contains(name) || operation["responses"]!.AsObject().Any(r => r.Key.StartsWith('4')),
                    $"{name} documents no 4xx response");
            }
        }
    }

    [Fact]
    public async Task No_two_paths_differ_only_by_a_parameter_name_and_every_id_is_a_uuid()
    {
        var document = await app.Anonymous().GetJsonAsync("/openapi/v1.json");
        var paths = document["paths"]!.AsObject();
        var shapes = paths.GroupBy(p => System.Text.RegularExpressions.Regex.Replace(p.Key, @"\{[^}]+\}", "{}"))
            .Where(g => g.Count() > 1)
            .Select(g => string.Join(" and ", g.Select(p => p.Key)))
            .ToList();
        Assert.True(shapes.Count == 0, "Paths that differ only by a parameter name: " + string.Join("; ", shapes));

        // The by-slug routes beside {id} routes are unambiguous because an id is always a UUID.
        foreach (var (path, item) in paths)
        {
            foreach (var (_, operation) in item!.AsObject())
            {
                foreach (var parameter in operation!["parameters"]?.AsArray() ?? [])
                {
                    var name = parameter!["name"]!.GetValue<string>();
                    if (parameter["in"]!.GetValue<string>() == "path" && (name == "id" || name.EndsWith("Id", StringComparison.Ordinal)))
                    {
                        Assert.True(parameter["schema"]?["format"]?.GetValue<string>() == "uuid", $"{path}: {{{name}}} is not a UUID (add :guid)");
                    }
                }
            }
        }

        Assert.NotNull(paths["/api/v1/shops/by-slug/{slug}"]?["get"]);
        Assert.NotNull(paths["/api/v1/shops/by-slug/{slug}/products"]?["get"]);
        Assert.NotNull(paths["/api/v1/exhibitions/by-slug/{slug}"]?["get"]);
        Assert.NotNull(paths["/api/v1/exhibitions/{id}"]?["get"]);
    }

    [Theory]
    [InlineData("/api/v1/auth/register", "post")]
    [InlineData("/api/v1/auth/login", "post")]
    [InlineData("/api/v1/shops", "post")]
    [InlineData("/api/v1/shops/{shopId}/products", "post")]
    [InlineData("/api/v1/cart/items", "post")]
    [InlineData("/api/v1/checkout", "post")]
    [InlineData("/api/v1/exhibitions", "post")]
    [InlineData("/api/v1/exhibitions/{id}/booth-applications", "post")]
    [InlineData("/api/v1/booths/{id}/leads", "post")]
    [InlineData("/api/v1/reviews", "post")]
    public async Task The_main_request_bodies_carry_an_example(string path, string method)
    {
        var document = await app.Anonymous().GetJsonAsync("/openapi/v1.json");
        var example = document["paths"]![path]![method]!["requestBody"]!["content"]!["application/json"]!["example"];
        Assert.NotNull(example);
        Assert.NotEmpty(example.AsObject());
    }

    [Fact]
    public async Task The_register_example_opens_an_account_as_documented()
    {
        var document = await app.Anonymous().GetJsonAsync("/openapi/v1.json");
        var example = document["paths"]!["/api/v1/auth/register"]!["post"]!["requestBody"]!["content"]!["application/json"]!["example"]!.DeepClone();
        example["email"] = $"example-{Guid.NewGuid():N}@tests.marketplace.id";
        var response = await app.Anonymous().PostAsync("/api/v1/auth/register", example);
        await response.ShouldHaveStatusAsync(201);
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
