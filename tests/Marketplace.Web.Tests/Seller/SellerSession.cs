using System.Net;
using System.Text.Json.Nodes;

namespace Marketplace.Web.Tests.Seller;

/// <summary>A merchant (or any role) made through the API, then signed in to the pages by a browser without JavaScript.</summary>
internal sealed class SellerSession : IDisposable
{
    public SellerSession(ApiClient api, HttpClient pages)
    {
        Api = api;
        Pages = pages;
    }

    public ApiClient Api { get; }

    public HttpClient Pages { get; }

    public static async Task<SellerSession> SignUpAsync(WebApp app, string role = "merchant")
    {
        var api = await app.SignUpAsync(role, $"Ibu {role}");
        return new SellerSession(api, await SignInPagesAsync(app, api.Email!, "Rahasia-123-Pasar"));
    }

    public static async Task<HttpClient> SignInPagesAsync(WebApp app, string email, string password)
    {
        var pages = app.Browserless();
        var form = await pages.GetStringAsync("/sign-in");
        var response = await Html.PostFormAsync(pages, "/sign-in", "sign-in", form, new Dictionary<string, string>
        {
            ["Form.Email"] = email,
            ["Form.Password"] = password,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return pages;
    }

    /// <summary>Opens a shop in Kota Palembang through the API (the page's own form is tested on its own).</summary>
    public async Task<JsonNode> OpenShopAsync(string name)
    {
        var response = await Api.PostAsync("/api/v1/shops", new
        {
            name,
            cityCode = "16.71",
            subsectors = new[] { "kuliner" },
            story = "<p>Kemplang dari Palembang.</p>",
            shippingFlatRate = new { amount = 1_500_000, currency = "IDR" },
        });
        await response.ShouldHaveStatusAsync(201);
        return await response.JsonAsync();
    }

    public async Task<JsonNode> AddProductAsync(Guid shopId, string name, bool publish = true)
    {
        var response = await Api.PostAsync($"/api/v1/shops/{shopId}/products", new
        {
            name,
            price = new { amount = 2_500_000, currency = "IDR" },
            subsector = "kuliner",
            stock = 10,
        });
        await response.ShouldHaveStatusAsync(201);
        var product = await response.JsonAsync();
        if (publish)
        {
            await (await Api.PostAsync($"/api/v1/products/{product["id"]}/publish")).ShouldHaveStatusAsync(200);
        }

        return product;
    }

    /// <summary>A new shopper buys <paramref name="quantity"/> of a product (from a booth when given) by manual transfer; the order's JSON.</summary>
    public static async Task<JsonNode> BuyAsync(WebApp app, Guid productId, int quantity = 2, Guid? boothId = null)
    {
        var shopper = await app.SignUpAsync("shopper", "Sari Pembeli");
        await (await shopper.PostAsync("/api/v1/cart/items", new { productId, quantity, boothId })).ShouldHaveStatusAsync(200);
        using var checkout = new HttpRequestMessage(HttpMethod.Post, "/api/v1/checkout")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new
            {
                shippingAddress = new { recipient = "Sari Wulandari", phone = "+62 812 3456 7890", line1 = "Jl. Merdeka No. 17", cityCode = "35.73", postalCode = "65111" },
                paymentMethod = "manual",
            }),
        };
        checkout.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        var placed = await shopper.Http.SendAsync(checkout);
        await placed.ShouldHaveStatusAsync(201);
        return (await placed.JsonAsync())["orders"]![0]!;
    }

    /// <summary>Applies to the demo organiser's upcoming Festival Mbois Malang and has the demo organiser approve: the booth id.</summary>
    public async Task<Guid> OpenBoothAsync(WebApp app, Guid shopId, Guid productId)
    {
        var festival = await Api.GetJsonAsync("/api/v1/exhibitions/by-slug/festival-mbois-malang");
        var applied = await Api.PostAsync($"/api/v1/exhibitions/{festival["id"]}/booth-applications", new
        {
            shopId,
            tier = "Standard",
            pitch = "<p>Kemplang asli Palembang.</p>",
            productIds = new[] { productId },
        });
        await applied.ShouldHaveStatusAsync(201);
        var organiser = await app.SignInAsync("organiser@demo.marketplace.id", WebApp.DemoPassword);
        var approved = await organiser.PostAsync($"/api/v1/booth-applications/{(await applied.JsonAsync())["id"]}/approve");
        await approved.ShouldHaveStatusAsync(200);
        return (await approved.JsonAsync())["booth"]!["id"]!.GetValue<Guid>();
    }

    /// <summary>Posts one of the page's forms (by its Blazor form name) with the page's antiforgery token.</summary>
    public async Task<HttpResponseMessage> PostAsync(string url, string formName, IDictionary<string, string> fields)
    {
        var page = await Pages.GetStringAsync(url);
        return await Html.PostFormAsync(Pages, url, formName, page, fields);
    }

    public void Dispose() => Pages.Dispose();
}
