using System.Net;
using System.Text.Json.Nodes;

namespace Marketplace.Web.Tests.Seller;

/// <summary>A merchant (or any role) made through the API, then signed in to the pages by a browser without JavaScript.</summary>
internal sealed class SellerSession : IDisposable
{
    private SellerSession(ApiClient api, HttpClient pages)
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

    /// <summary>Posts one of the page's forms (by its Blazor form name) with the page's antiforgery token.</summary>
    public async Task<HttpResponseMessage> PostAsync(string url, string formName, IDictionary<string, string> fields)
    {
        var page = await Pages.GetStringAsync(url);
        return await Html.PostFormAsync(Pages, url, formName, page, fields);
    }

    public void Dispose() => Pages.Dispose();
}
