namespace Marketplace.Web.Tests;

/// <summary>The addresses of the demo data's pages the page gates open: a pempek product, its shop, a booth of the live expo.</summary>
public sealed record DemoPaths(string Product, string ShopSlug, string Booth)
{
    public const string LiveExpo = "palembang-kota-kreatif-expo";

    public static async Task<DemoPaths> ResolveAsync(WebApp app)
    {
        var api = app.Anonymous();
        var hit = (await api.GetJsonAsync("/api/v1/search/products?q=pempek&pageSize=1"))["items"]![0]!;
        var product = await api.GetJsonAsync($"/api/v1/products/{hit["productId"]}");
        var exhibition = await api.GetJsonAsync($"/api/v1/exhibitions/by-slug/{LiveExpo}");
        var booths = (await api.GetJsonAsync($"/api/v1/exhibitions/{exhibition["id"]}/booths?pageSize=1"))["items"]!.AsArray();
        return new DemoPaths(hit["productId"]!.GetValue<string>(), product["shop"]!["slug"]!.GetValue<string>(), booths[0]!["id"]!.GetValue<string>());
    }
}
