using Marketplace.Catalog.Products;

namespace Marketplace.Catalog.Tests;

/// <summary>Licence numbers as merchants copy them from labels: the rules alone, then through the API.</summary>
public sealed class ProductLicenceRuleTests
{
    [Theory]
    [InlineData("206357301012325")]
    [InlineData("2063573010123-25")]
    [InlineData("P-IRT No. 206357301012325")]
    [InlineData("P-IRT No. 2063573010123-25")]
    [InlineData("p-irt no. 2063573010123 - 25")]
    [InlineData("PIRT: 2.06.3573.01.0123-25")]
    [InlineData("P-IRT Nomor 206 3573 01 0123 25")]
    [InlineData("SPP-IRT No. 2063573010123-25")]
    [InlineData("  2063573010123-25  ")]
    public void A_pirt_number_in_any_printed_form_becomes_its_15_digits(string printed)
    {
        Assert.True(ProductLicences.TryNormalizePirt(printed, out var digits));
        Assert.Equal("206357301012325", digits);
        Assert.Equal("P-IRT No. 2063573010123-25", ProductLicences.DisplayPirt(digits));
    }

    [Theory]
    [InlineData("")]
    [InlineData("P-IRT No.")]
    [InlineData("2063573010123")]
    [InlineData("20635730101232599")]
    [InlineData("2063573O10123-25")]
    [InlineData("P-IRT No. 2063573010123-25 palsu")]
    [InlineData("MD 224510101234")]
    [InlineData("２０６３５７３０１０１２３２５")]
    [InlineData("<script>2063573010123-25</script>")]
    public void Anything_else_is_not_a_pirt_number(string text) =>
        Assert.False(ProductLicences.TryNormalizePirt(text, out _));

    [Theory]
    [InlineData("ID35110000123450521")]
    [InlineData("id35110000123450521")]
    [InlineData("ID 3511 0000 1234 50521")]
    [InlineData("ID-35110000-123450521")]
    [InlineData("Sertifikat Halal No. ID35110000123450521")]
    [InlineData("Halal: ID35110000123450521")]
    public void A_halal_certificate_number_becomes_ID_and_its_digits(string printed)
    {
        Assert.True(ProductLicences.TryNormalizeHalal(printed, out var number));
        Assert.Equal("ID35110000123450521", number);
    }

    [Theory]
    [InlineData("")]
    [InlineData("35110000123450521")]
    [InlineData("IDABC")]
    [InlineData("ID123")]
    [InlineData("XX35110000123450521")]
    [InlineData("ID35110000123450521/2026")]
    public void Anything_else_is_not_a_halal_certificate_number(string text) =>
        Assert.False(ProductLicences.TryNormalizeHalal(text, out _));

    [Theory]
    [InlineData("MD 224510101234", "MD224510101234", "BPOM RI MD 224510101234")]
    [InlineData("md224510101234", "MD224510101234", "BPOM RI MD 224510101234")]
    [InlineData("BPOM RI MD 224510101234", "MD224510101234", "BPOM RI MD 224510101234")]
    [InlineData("BPOM RI: MD 2245.1010.1234", "MD224510101234", "BPOM RI MD 224510101234")]
    [InlineData("POM RI ML 123456789012", "ML123456789012", "BPOM RI ML 123456789012")]
    [InlineData("Badan POM RI TR 183019871", "TR183019871", "BPOM RI TR 183019871")]
    [InlineData("NA18191200123", "NA18191200123", "BPOM RI NA 18191200123")]
    public void A_bpom_registration_becomes_its_category_and_digits(string printed, string stored, string shown)
    {
        Assert.True(ProductLicences.TryNormalizeBpom(printed, out var number));
        Assert.Equal(stored, number);
        Assert.Equal(shown, ProductLicences.DisplayBpom(number));
    }

    [Theory]
    [InlineData("")]
    [InlineData("224510101234")]
    [InlineData("MD 1234")]
    [InlineData("MD 1234567890123456")]
    [InlineData("XY 224510101234")]
    [InlineData("BPOM RI")]
    [InlineData("MD 2245101012AB")]
    public void Anything_else_is_not_a_bpom_registration(string text) =>
        Assert.False(ProductLicences.TryNormalizeBpom(text, out _));

    [Fact]
    public void A_value_stored_before_normalization_is_shown_as_stored() =>
        Assert.Equal("206357301012", ProductLicences.DisplayPirt("206357301012"));
}

[Collection(AppCollection.Name)]
public sealed class ProductLicenceHttpTestsOnSqlite(CatalogApp app) : ProductLicenceHttpTests(app);

public abstract class ProductLicenceHttpTests(CatalogApp app)
{
    [Fact]
    public async Task Licence_numbers_typed_as_printed_are_stored_normalized_and_shown_as_printed()
    {
        var owner = await app.SignUpAsync("merchant");
        var shop = await owner.CreateShopAsync();
        var product = await owner.CreateProductAsync(shop.Id(), new
        {
            name = "Keripik Tempe Original",
            price = new { amount = 1_800_000, currency = "IDR" },
            subsector = "kuliner",
            stock = 5,
            attributes = new { pirtNumber = "P-IRT No. 206357301012325", halalCertificate = "id 3511 0000 1234 50521", bpomNumber = "BPOM RI MD 2245.1010.1234" },
        });

        var attributes = (await owner.GetJsonAsync($"/api/v1/products/{product.Id()}"))["attributes"]!;
        Assert.Equal("206357301012325", attributes.Str("pirtNumber"));
        Assert.Equal("P-IRT No. 2063573010123-25", attributes.Str("pirtNumberDisplay"));
        Assert.Equal("ID35110000123450521", attributes.Str("halalCertificate"));
        Assert.Equal("MD224510101234", attributes.Str("bpomNumber"));
        Assert.Equal("BPOM RI MD 224510101234", attributes.Str("bpomNumberDisplay"));

        // The stored form is accepted back (a client that round-trips the product), and an empty one clears it.
        var edited = await owner.PatchAsync($"/api/v1/products/{product.Id()}", new { attributes = new { pirtNumber = "206357301012325", bpomNumber = "" } });
        await edited.ShouldHaveStatusAsync(200);
        var after = (await edited.JsonAsync())["attributes"]!;
        Assert.Equal("206357301012325", after.Str("pirtNumber"));
        Assert.Null(after["bpomNumber"]);
        Assert.Null(after["bpomNumberDisplay"]);
    }

    [Theory]
    [InlineData("pirtNumber", "2063573010123")]
    [InlineData("pirtNumber", "P-IRT No. <b>2063573010123-25</b>")]
    [InlineData("halalCertificate", "35110000123450521")]
    [InlineData("bpomNumber", "MD 1234")]
    public async Task A_licence_number_that_is_not_one_is_refused_naming_the_field(string field, string value)
    {
        var owner = await app.SignUpAsync("merchant");
        var shop = await owner.CreateShopAsync();
        var attributes = new Dictionary<string, string> { [field] = value };
        var response = await owner.PostAsync($"/api/v1/shops/{shop.Id()}/products",
            new { name = "Pempek Lenjer", price = new { amount = 100_000, currency = "IDR" }, subsector = "kuliner", stock = 1, attributes });

        await response.ShouldBeProblemAsync(400, $"attributes.{field}");
    }
}
