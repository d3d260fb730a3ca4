namespace Marketplace.Catalog.Tests;

/// <summary>Every Catalog write route against every kind of caller: only the right one gets through.</summary>
[Collection(AppCollection.Name)]
public sealed class AuthorizationMatrixTestsOnSqlite(CatalogApp app) : AuthorizationMatrixTests(app);

[Collection(PostgresAppCollection.Name)]
public sealed class AuthorizationMatrixTestsOnPostgres(CatalogAppOnPostgres app) : AuthorizationMatrixTests(app);

public abstract class AuthorizationMatrixTests(CatalogApp app)
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    // One set of actors per app: the SQLite and PostgreSQL runs of this class share its static fields.
    private static readonly Dictionary<CatalogApp, Dictionary<string, ApiClient>> ActorsByApp = [];

    public static TheoryData<string, string> Cases()
    {
        var expected = new Dictionary<string, string[]>
        {
            // route:                       anonymous, shopper, organiser, stranger, owner, admin
            ["create shop"] = ["401", "403", "403", "201", "201", "403"],
            ["edit shop"] = ["401", "403", "403", "403", "200", "403"],
            ["verify shop"] = ["401", "403", "403", "403", "403", "200"],
            ["suspend shop"] = ["401", "403", "403", "403", "403", "200"],
            ["reinstate shop"] = ["401", "403", "403", "403", "403", "200"],
            ["create product"] = ["401", "403", "403", "403", "201", "403"],
            ["edit product"] = ["401", "403", "403", "403", "200", "403"],
            ["delete product"] = ["401", "403", "403", "403", "204", "403"],
            ["set stock"] = ["401", "403", "403", "403", "200", "403"],
            ["publish product"] = ["401", "403", "403", "403", "200", "403"],
            ["unpublish product"] = ["401", "403", "403", "403", "200", "403"],
        };
        string[] actors = ["anonymous", "shopper", "organiser", "stranger", "owner", "admin"];
        var data = new TheoryData<string, string>();
        foreach (var (route, statuses) in expected)
        {
            for (var i = 0; i < actors.Length; i++)
            {
                data.Add(route, $"{actors[i]}:{statuses[i]}");
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Write_routes_answer_each_caller_as_expected(string route, string actorAndStatus)
    {
        var (actor, status) = (actorAndStatus.Split(':')[0], int.Parse(actorAndStatus.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture));
        var actors = await ActorsAsync();
        var owner = await app.SignUpAsync("merchant");
        actors = new Dictionary<string, ApiClient>(actors) { ["owner"] = owner };
        var shop = await owner.CreateShopAsync();
        var product = await owner.CreatePublishedProductAsync(shop.Id());
        var client = actors[actor];

        var response = route switch
        {
            "create shop" => await client.PostAsync("/api/v1/shops", CatalogFixtures.ShopBody()),
            "edit shop" => await client.PatchAsync($"/api/v1/shops/{shop.Id()}", new { story = "<p>x</p>" }),
            "verify shop" => await client.PostAsync($"/api/v1/shops/{shop.Id()}/verify"),
            "suspend shop" => await client.PostAsync($"/api/v1/shops/{shop.Id()}/suspend", new { reason = "uji" }),
            "reinstate shop" => await client.PostAsync($"/api/v1/shops/{shop.Id()}/reinstate"),
            "create product" => await client.PostAsync($"/api/v1/shops/{shop.Id()}/products", CatalogFixtures.ProductBody()),
            "edit product" => await client.PatchAsync($"/api/v1/products/{product.Id()}", new { category = "Oleh-oleh" }),
            "delete product" => await client.DeleteAsync($"/api/v1/products/{product.Id()}"),
            "set stock" => await client.PutAsync($"/api/v1/products/{product.Id()}/stock", new { quantity = 7 }),
            "publish product" => await client.PostAsync($"/api/v1/products/{product.Id()}/publish"),
            "unpublish product" => await client.PostAsync($"/api/v1/products/{product.Id()}/unpublish"),
            _ => throw new ArgumentOutOfRangeException(nameof(route)),
        };

        await response.ShouldHaveStatusAsync(status);
        if (status is 401 or 403)
        {
            // Refusals are ProblemDetails, and changed nothing.
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var after = await app.Anonymous().GetJsonAsync($"/api/v1/products/{product.Id()}");
            Assert.Equal(product.Str("category"), after.Str("category"));
            Assert.Equal(product["stock"]!.GetValue<int>(), after["stock"]!.GetValue<int>());
        }
    }

    private async Task<Dictionary<string, ApiClient>> ActorsAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (!ActorsByApp.TryGetValue(app, out var actors))
            {
                actors = new Dictionary<string, ApiClient>
                {
                    ["anonymous"] = app.Anonymous(),
                    ["shopper"] = await app.SignUpAsync("shopper"),
                    ["organiser"] = await app.SignUpAsync("organiser"),
                    ["stranger"] = await app.SignUpAsync("merchant"),
                    ["admin"] = await app.AdminAsync(),
                };
                ActorsByApp[app] = actors;
            }

            return actors;
        }
        finally
        {
            Gate.Release();
        }
    }
}
