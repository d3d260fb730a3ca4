using Marketplace.Identity.Contracts;

namespace Marketplace.Exhibitions.Tests;

/// <summary>The demo data, on its own app (the demo seed needs an empty store).</summary>
public sealed class DemoSeedTests : IAsyncLifetime
{
    private readonly MarketplaceApp _app = new();

    public Task InitializeAsync()
    {
        // Development, as `dotnet run` uses: the demo accounts get the published password there and nowhere else.
        _app.Environment = "Development";
        _app.Settings["Seed:Demo"] = "true";
        return _app.InitializeAsync();
    }

    public Task DisposeAsync() => _app.DisposeAndDeleteStoreAsync();

    [Fact]
    public async Task The_demo_has_a_live_palembang_expo_and_an_upcoming_malang_festival_with_booths_of_the_demo_shops()
    {
        var anonymous = _app.Anonymous();
        var live = await anonymous.GetJsonAsync("/api/v1/exhibitions?status=live");
        var expo = Assert.Single(live["items"]!.AsArray(), e => e!.Str("slug") == "palembang-kota-kreatif-expo")!;
        Assert.Equal("16.71", expo.Str("cityCode"));
        var upcoming = await anonymous.GetJsonAsync("/api/v1/exhibitions?status=upcoming&city=35.73");
        Assert.Contains(upcoming["items"]!.AsArray(), e => e!.Str("slug") == "festival-mbois-malang");

        var booths = await anonymous.GetJsonAsync($"/api/v1/exhibitions/{expo.Id()}/booths?pageSize=100");
        Assert.True(booths.Long("total") >= 10);
        var first = booths["items"]![0]!;
        var page = await anonymous.GetJsonAsync($"/api/v1/booths/{first.Id()}");
        Assert.NotEmpty(page["featuredProducts"]!.AsArray());

        // The demo organiser sees the expo's dashboard; a merchant sees their booth's.
        var organiser = await _app.SignInAsync(DemoAccounts.OrganiserEmail, DemoAccounts.Password);
        var analytics = await organiser.GetJsonAsync($"/api/v1/exhibitions/{expo.Id()}/analytics");
        Assert.True(analytics.Long("visits") > 100);
        Assert.True(analytics.Long("uniqueVisitors") is > 50 and <= 150);
        Assert.Equal(3, analytics["leads"]!.Long("total"));
        var visit = await anonymous.PostAsync($"/api/v1/booths/{first.Id()}/visits", new { visitorId = "demo-test-visitor" });
        Assert.True((await visit.JsonAsync())["counted"]!.GetValue<bool>());
    }
}
