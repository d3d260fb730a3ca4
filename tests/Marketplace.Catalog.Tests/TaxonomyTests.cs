namespace Marketplace.Catalog.Tests;

[Collection(AppCollection.Name)]
public sealed class TaxonomyTestsOnSqlite(CatalogApp app) : TaxonomyTests(app);

[Collection(PostgresAppCollection.Name)]
public sealed class TaxonomyTestsOnPostgres(CatalogAppOnPostgres app) : TaxonomyTests(app);

public abstract class TaxonomyTests(CatalogApp app)
{
    [Fact]
    public async Task The_seventeen_creative_economy_subsectors_are_listed()
    {
        var subsectors = (await app.Anonymous().GetJsonAsync("/api/v1/subsectors")).AsArray();

        Assert.Equal(17, subsectors.Count);
        Assert.Contains(subsectors, s => s!["code"]!.GetValue<string>() == "kuliner");
        Assert.Contains(subsectors, s => s!["code"]!.GetValue<string>() == "film-animasi-video");
    }

    [Fact]
    public async Task Cities_are_found_by_name_and_province_from_the_real_dataset()
    {
        var malang = (await app.Anonymous().GetJsonAsync("/api/v1/regions/cities?q=MALANG&province=35")).AsArray();
        Assert.Equal(["35.07", "35.73"], malang.Select(c => c!["code"]!.GetValue<string>()).Order().ToArray());
        Assert.Contains(malang, c => c!["name"]!.GetValue<string>() == "Kota Malang");

        var provinces = (await app.Anonymous().GetJsonAsync("/api/v1/regions/provinces")).AsArray();
        Assert.Equal(38, provinces.Count);
        Assert.Contains(provinces, p => p!["name"]!.GetValue<string>() == "Sumatera Selatan");
    }

    [Fact]
    public async Task An_unknown_province_filter_is_a_400_naming_it()
    {
        var response = await app.Anonymous().GetAsync("/api/v1/regions/cities?province=99");
        await response.ShouldBeProblemAsync(400, "province");
    }
}
