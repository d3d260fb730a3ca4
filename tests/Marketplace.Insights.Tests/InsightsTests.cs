using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ClosedXML.Excel;
using Marketplace.Orders.Contracts;
using Marketplace.SharedKernel.Events;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Insights.Tests;

[Collection(InsightsCollection.Name)]
public sealed class InsightsTests(InsightsApp app) : InsightsTestsBase(app);

[Collection(InsightsPostgresCollection.Name)]
public sealed class InsightsTestsOnPostgres(InsightsAppOnPostgres app) : InsightsTestsBase(app);

/// <summary>
/// The insights as a Dinas reads them, fed by the real events of real orders: a shop in one regency, shoppers who ship
/// elsewhere, paid and cancelled orders; each test uses its own regency so tests sharing the app do not see each other.
/// </summary>
public abstract class InsightsTestsBase(InsightsApp app)
{
    private static int _next;

    /// <summary>A regency of its own for each test (codes of Jawa Timur regencies, all in the taxonomy).</summary>
    private static string FreshCity() => new[] { "35.01", "35.02", "35.03", "35.04", "35.05", "35.06", "35.07", "35.08", "35.09", "35.10", "35.11", "35.12" }[Interlocked.Increment(ref _next) % 12];

    private static string ThisMonth => DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private async Task<(ApiClient Merchant, Guid ShopId, Guid ProductId)> ShopAsync(string city, string subsector, long price)
    {
        var merchant = await app.SignUpAsync("merchant");
        var created = await merchant.PostAsync("/api/v1/shops", new
        {
            name = $"Toko Insights {Guid.NewGuid():N}"[..30],
            cityCode = city,
            subsectors = new[] { subsector },
            shippingFlatRate = new { amount = 1_000_000, currency = "IDR" },
        });
        await created.ShouldHaveStatusAsync(201);
        var shopId = Guid.Parse((await created.JsonAsync())["id"]!.GetValue<string>());
        var product = await merchant.PostAsync($"/api/v1/shops/{shopId}/products", new
        {
            name = "Tenun " + Guid.NewGuid().ToString("N")[..6],
            price = new { amount = price, currency = "IDR" },
            subsector,
            stock = 100,
            imageUrls = new[] { "https://img.example.id/p.jpg" },
        });
        await product.ShouldHaveStatusAsync(201);
        var productId = Guid.Parse((await product.JsonAsync())["id"]!.GetValue<string>());
        await (await merchant.PostAsync($"/api/v1/products/{productId}/publish")).ShouldHaveStatusAsync(200);
        return (merchant, shopId, productId);
    }

    /// <summary>The shopper buys and the merchant confirms the transfer: the order is paid.</summary>
    private static async Task<Guid> PaidOrderAsync(ApiClient shopper, ApiClient merchant, Guid productId, string shipTo, int quantity = 1)
    {
        await (await shopper.PostAsync("/api/v1/cart/items", new { productId, quantity })).ShouldHaveStatusAsync(200);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/checkout")
        {
            Content = JsonContent.Create(new
            {
                shippingAddress = new { recipient = "Dewi Lestari", phone = "+62 812 3333 4444", line1 = "Jl. Sudirman 1", cityCode = shipTo, postalCode = "30111" },
                paymentMethod = "manual",
            }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var placed = await shopper.Http.SendAsync(request);
        await placed.ShouldHaveStatusAsync(201);
        var orderId = Guid.Parse((await placed.JsonAsync())["orders"]![0]!["id"]!.GetValue<string>());
        await (await merchant.PostAsync($"/api/v1/orders/{orderId}/confirm-payment")).ShouldHaveStatusAsync(200);
        return orderId;
    }

    private async Task<JsonNode> SummaryAsync(ApiClient reader, string query)
    {
        await app.DrainOutboxAsync();
        return await reader.GetJsonAsync("/api/v1/insights/summary?" + query);
    }

    private static long L(JsonNode node, string name) => node[name]!.GetValue<long>();

    [Fact]
    public async Task A_paid_order_counts_once_under_the_shops_regency_and_subsector_even_when_its_event_arrives_twice()
    {
        var city = FreshCity();
        var (merchant, shopId, productId) = await ShopAsync(city, "kriya", 15_000_000);
        var shopper = await app.SignUpAsync("shopper");
        var organiser = await app.SignUpAsync("organiser");
        var before = (await SummaryAsync(organiser, $"city={city}&subsector=kriya"))["total"]!;

        var orderId = await PaidOrderAsync(shopper, merchant, productId, shipTo: "16.71", quantity: 2); // Palembang: another city and province
        var after = (await SummaryAsync(organiser, $"city={city}&subsector=kriya&from={ThisMonth}&to={ThisMonth}"))["total"]!;
        Assert.Equal(L(before, "orders") + 1, L(after, "orders"));
        Assert.Equal(L(before, "paidGmv") + 30_000_000, L(after, "paidGmv"));
        Assert.Equal(L(before, "buyersOutsideCity") + 1, L(after, "buyersOutsideCity"));
        Assert.Equal(L(before, "buyersOutsideProvince") + 1, L(after, "buyersOutsideProvince"));
        Assert.Equal(0, L(after, "buyersAbroad"));
        Assert.True(L(after, "activeShops") >= 1 && L(after, "productsListed") >= 1);

        // The outbox delivers at least once: the same event again changes nothing.
        var paid = Assert.Single(app.Events.Of<OrderPaid>(), e => e.OrderId == orderId);
        Assert.Equal("16.71", paid.BuyerCityCode);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            foreach (var handler in scope.ServiceProvider.GetServices<IIntegrationEventHandler<OrderPaid>>()
                         .Where(h => h.GetType().Namespace?.StartsWith("Marketplace.Insights", StringComparison.Ordinal) == true))
            {
                await handler.HandleAsync(paid, default);
            }
        }

        var again = (await SummaryAsync(organiser, $"city={city}&subsector=kriya&from={ThisMonth}&to={ThisMonth}"))["total"]!;
        Assert.Equal(L(after, "orders"), L(again, "orders"));
        Assert.Equal(L(after, "paidGmv"), L(again, "paidGmv"));
        Assert.Equal(L(after, "buyers"), L(again, "buyers"));

        // The same shopper buying again in the month is a repeat buyer; a local buyer is not "outside".
        var local = await app.SignUpAsync("shopper");
        await PaidOrderAsync(shopper, merchant, productId, shipTo: "16.71");
        await PaidOrderAsync(local, merchant, productId, shipTo: city);
        var third = await SummaryAsync(organiser, $"city={city}&from={ThisMonth}&to={ThisMonth}");
        var total = third["total"]!;
        Assert.Equal(L(after, "repeatBuyers") + 1, L(total, "repeatBuyers"));
        Assert.Equal(L(after, "buyersOutsideCity"), L(total, "buyersOutsideCity"));
        Assert.Contains(third["bySubsector"]!.AsArray(), r => r!["key"]!.GetValue<string>() == "kriya");
        var month = Assert.Single(third["byMonth"]!.AsArray());
        Assert.Equal(L(total, "orders"), L(month!, "orders"));
        _ = shopId;
    }

    [Fact]
    public async Task Cancelling_a_paid_order_takes_its_order_and_GMV_back_out()
    {
        var city = FreshCity();
        var (merchant, _, productId) = await ShopAsync(city, "fashion", 7_500_000);
        var shopper = await app.SignUpAsync("shopper");
        var admin = await app.AdminAsync();
        var before = (await SummaryAsync(admin, $"city={city}&subsector=fashion"))["total"]!;
        var orderId = await PaidOrderAsync(shopper, merchant, productId, shipTo: city);
        var paid = (await SummaryAsync(admin, $"city={city}&subsector=fashion"))["total"]!;
        Assert.Equal(L(before, "orders") + 1, L(paid, "orders"));

        await (await merchant.PostAsync($"/api/v1/orders/{orderId}/cancel", new { reason = "Stok habis" })).ShouldHaveStatusAsync(200);
        var cancelled = (await SummaryAsync(admin, $"city={city}&subsector=fashion"))["total"]!;
        Assert.Equal(L(before, "orders"), L(cancelled, "orders"));
        Assert.Equal(L(before, "paidGmv"), L(cancelled, "paidGmv"));
    }

    [Fact]
    public async Task The_province_and_the_country_add_up_exactly_what_their_regencies_count()
    {
        var city = FreshCity();
        var (merchant, _, productId) = await ShopAsync(city, "kuliner", 4_200_000);
        var shopper = await app.SignUpAsync("shopper");
        var organiser = await app.SignUpAsync("organiser");
        var period = $"from={ThisMonth}&to={ThisMonth}";
        var countryBefore = await SummaryAsync(organiser, period);
        var provinceBefore = await SummaryAsync(organiser, $"province=35&{period}");

        await PaidOrderAsync(shopper, merchant, productId, shipTo: "16.71", quantity: 3);
        var cancelled = await PaidOrderAsync(shopper, merchant, productId, shipTo: city);
        await (await merchant.PostAsync($"/api/v1/orders/{cancelled}/cancel", new { reason = "Stok habis" })).ShouldHaveStatusAsync(200);

        var country = await SummaryAsync(organiser, period);
        var province = await SummaryAsync(organiser, $"province=35&{period}");
        var regency = await SummaryAsync(organiser, $"city={city}&{period}");
        foreach (var (before, after) in new[] { (countryBefore, country), (provinceBefore, province) })
        {
            Assert.Equal(L(before["total"]!, "orders") + 1, L(after["total"]!, "orders"));
            // The all-sub-sectors total is the order's total (with the shop's Rp10.000 shipping); a sub-sector gets its lines.
            Assert.Equal(L(before["total"]!, "paidGmv") + 12_600_000 + 1_000_000, L(after["total"]!, "paidGmv"));
            var kuliner = (JsonNode node) => node["bySubsector"]!.AsArray().Where(r => r!["key"]!.GetValue<string>() == "kuliner").Sum(r => L(r!, "paidGmv"));
            Assert.Equal(kuliner(before) + 12_600_000, kuliner(after));
        }

        // Each level is the sum of the level below: the country of its provinces, the province of its regencies.
        foreach (var summary in new[] { country, province, regency })
        {
            foreach (var counter in new[] { "orders", "paidGmv", "buyers", "repeatBuyers", "buyersOutsideProvince" })
            {
                Assert.Equal(L(summary["total"]!, counter), summary["byRegion"]!.AsArray().Sum(r => L(r!, counter)));
            }

            Assert.Equal(L(summary["total"]!, "orders"), summary["byMonth"]!.AsArray().Sum(m => L(m!, "orders")));
        }

        var jawaTimur = Assert.Single(country["byRegion"]!.AsArray(), r => r!["key"]!.GetValue<string>() == "35")!;
        Assert.Equal("Jawa Timur", jawaTimur["label"]!.GetValue<string>());
        Assert.Equal(L(province["total"]!, "paidGmv"), L(jawaTimur, "paidGmv"));
        var ours = Assert.Single(province["byRegion"]!.AsArray(), r => r!["key"]!.GetValue<string>() == city)!;
        Assert.Equal(L(regency["total"]!, "paidGmv"), L(ours, "paidGmv"));
    }

    [Fact]
    public async Task Only_organisers_and_admins_read_the_insights()
    {
        await (await app.Anonymous().GetAsync("/api/v1/insights/summary")).ShouldHaveStatusAsync(401);
        await (await (await app.SignUpAsync("shopper")).GetAsync("/api/v1/insights/summary")).ShouldHaveStatusAsync(403);
        await (await (await app.SignUpAsync("merchant")).GetAsync("/api/v1/insights/export")).ShouldHaveStatusAsync(403);
        await (await (await app.AdminAsync()).GetAsync("/api/v1/insights/summary")).ShouldHaveStatusAsync(200);
    }

    [Theory]
    [InlineData("city=99.99", "city")]
    [InlineData("province=abc", "province")]
    [InlineData("province=16&city=35.73", "city")]
    [InlineData("subsector=%3Cscript%3E", "subsector")]
    [InlineData("from=2026-13", "from")]
    [InlineData("from=2026-06&to=2026-01", "to")]
    [InlineData("from=2020-01&to=2026-01", "to")]
    public async Task Bad_filters_are_a_400_naming_the_filter(string query, string field)
    {
        var organiser = await app.SignUpAsync("organiser");
        await (await organiser.GetAsync("/api/v1/insights/summary?" + query)).ShouldBeProblemAsync(400, field);
    }

    [Fact]
    public async Task The_export_opens_in_Excel_with_the_regency_subsector_month_and_GMV()
    {
        var city = FreshCity();
        var (merchant, _, productId) = await ShopAsync(city, "kuliner", 2_500_000);
        await PaidOrderAsync(await app.SignUpAsync("shopper"), merchant, productId, shipTo: "35.73");
        var organiser = await app.SignUpAsync("organiser");
        await app.DrainOutboxAsync();

        var response = await organiser.GetAsync($"/api/v1/insights/export?format=xlsx&city={city}&subsector=kuliner&from={ThisMonth}&to={ThisMonth}");
        await response.ShouldHaveStatusAsync(200);
        using var workbook = new XLWorkbook(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        var sheet = workbook.Worksheet(1);
        Assert.Equal("city_code", sheet.Cell(1, 3).GetString());
        var row = sheet.RowsUsed().Skip(1).Single();
        Assert.Equal(city, row.Cell(3).GetString());
        Assert.Equal("kuliner", row.Cell(5).GetString());
        Assert.Equal(ThisMonth, row.Cell(6).GetString());
        Assert.True(row.Cell(8).GetValue<long>() >= 2_500_000);
        await (await organiser.GetAsync("/api/v1/insights/export?format=pdf")).ShouldBeProblemAsync(400, "format");
    }
}
