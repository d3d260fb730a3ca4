using System.Text.Json.Nodes;
using static Marketplace.Exhibitions.Tests.ExhibitionFixtures;

namespace Marketplace.Exhibitions.Tests;

[Collection(AppCollection.Name)]
public sealed class LeadTests(ExhibitionsApp app) : LeadTestsBase(app);

[Collection(PostgresAppCollection.Name)]
public sealed class LeadTestsOnPostgres(ExhibitionsAppOnPostgres app) : LeadTestsBase(app);

public abstract class LeadTestsBase(ExhibitionsApp app)
{
    [Fact]
    public async Task Visitors_leave_every_kind_of_lead_and_the_exhibitor_follows_them_up()
    {
        var organiser = await app.SignUpAsync("organiser");
        var exhibition = await app.LiveExhibitionAsync(organiser);
        var exhibitor = await app.ExhibitorAsync();
        var booth = await exhibitor.OpenBoothAsync(organiser, exhibition.Id());
        var url = $"/api/v1/booths/{booth.Id()}/leads";
        var visitor = app.Anonymous();

        async Task<JsonNode> Leave(object body)
        {
            var response = await visitor.PostAsync(url, body);
            await response.ShouldHaveStatusAsync(201);
            return await response.JsonAsync();
        }

        await Leave(new { kind = "retail", name = "Sari", contact = "sari@example.id", message = "<p>Tahan berapa hari?</p><script>steal()</script>" });
        await Leave(new { kind = "wholesale", name = "Toko Oleh-Oleh Ampera", contact = "+62 711 123456", company = "CV Ampera", quantity = 500 });
        var quote = await Leave(new { kind = "quote", name = "Budi", contact = "budi@hotel.id", productId = exhibitor.ProductId, quantity = 200, message = "Untuk hotel." });
        await Leave(new { kind = "sample", name = "Ayu", contact = "ayu@export.id", productId = exhibitor.ProductId, shippingCityCode = Malang });
        await Leave(new { kind = "partnership", name = "Dinas Pariwisata", contact = "dispar@palembang.go.id", message = "Kolaborasi festival." });

        var leads = await exhibitor.Client.GetJsonAsync(url);
        Assert.Equal(5, leads.Long("total"));
        var retail = leads["items"]!.AsArray().Single(l => l!.Str("kind") == "retail")!;
        Assert.DoesNotContain("script", retail.Str("message"), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Tahan berapa hari?", retail.Str("message"));
        var quoted = leads["items"]!.AsArray().Single(l => l!.Str("kind") == "quote")!;
        Assert.Equal("Pempek Kapal Selam", quoted.Str("productName"));
        Assert.Equal(200, quoted["quantity"]!.GetValue<int>());
        var onlySamples = await exhibitor.Client.GetJsonAsync(url + "?kind=sample");
        Assert.Equal(Malang, Assert.Single(onlySamples["items"]!.AsArray())!.Str("shippingCityCode"));

        var lead = $"/api/v1/leads/{quote.Id()}";
        await (await exhibitor.Client.PatchAsync(lead, new { status = "contacted", note = "Sudah WA." })).ShouldHaveStatusAsync(200);
        await (await exhibitor.Client.PatchAsync(lead, new { status = "quoted" })).ShouldBeProblemAsync(400, "quotedPrice");
        var q = await exhibitor.Client.PatchAsync(lead, new { status = "quoted", quotedPrice = new { amount = 400_000_000, currency = "IDR" } });
        await q.ShouldHaveStatusAsync(200);
        Assert.Equal(400_000_000, (await q.JsonAsync())["quotedPrice"]!.Long("amount"));
        await (await exhibitor.Client.PatchAsync(lead, new { status = "new" })).ShouldBeProblemAsync(409, "status");
        await (await exhibitor.Client.PatchAsync(lead, new { status = "closed" })).ShouldHaveStatusAsync(200);
        await (await exhibitor.Client.PatchAsync(lead, new { status = "done" })).ShouldBeProblemAsync(400, "status");

        // Only the exhibitor sees and follows up the leads; the organiser sees counts.
        var other = await app.ExhibitorAsync();
        await (await other.Client.GetAsync(url)).ShouldBeProblemAsync(403);
        await (await other.Client.PatchAsync(lead, new { status = "closed" })).ShouldBeProblemAsync(403);
        await (await organiser.GetAsync(url)).ShouldBeProblemAsync(403);
        await (await app.Anonymous().GetAsync(url)).ShouldHaveStatusAsync(401);
        var analytics = await organiser.GetJsonAsync($"/api/v1/exhibitions/{exhibition.Id()}/analytics");
        Assert.Equal(5, analytics["leads"]!.Long("total"));
        Assert.Equal(1, analytics["leads"]!["byKind"]!.Long("quote"));
        Assert.Equal(1, analytics["leads"]!["byStatus"]!.Long("closed"));
        Assert.Equal(4, analytics["leads"]!["byStatus"]!.Long("new"));
    }

    [Fact]
    public async Task Bad_leads_are_refused_naming_the_field_and_nothing_is_stored()
    {
        var organiser = await app.SignUpAsync("organiser");
        var exhibition = await app.LiveExhibitionAsync(organiser);
        var exhibitor = await app.ExhibitorAsync();
        var other = await app.ExhibitorAsync();
        var booth = await exhibitor.OpenBoothAsync(organiser, exhibition.Id());
        var url = $"/api/v1/booths/{booth.Id()}/leads";
        var visitor = app.Anonymous();

        await (await visitor.PostAsync(url, new { kind = "retail", name = "Sari", message = "Halo" })).ShouldBeProblemAsync(400, "contact");
        await (await visitor.PostAsync(url, new { kind = "retail", name = "Sari", contact = "bukan kontak" })).ShouldBeProblemAsync(400, "contact");
        await (await visitor.PostAsync(url, new { kind = "gossip", name = "Sari", contact = "sari@example.id" })).ShouldBeProblemAsync(400, "kind");
        await (await visitor.PostAsync(url, new { kind = "retail", name = "<b>Sari</b>", contact = "sari@example.id" })).ShouldBeProblemAsync(400, "name");
        await (await visitor.PostAsync(url, new { kind = "quote", name = "Budi", contact = "budi@hotel.id", quantity = 10 })).ShouldBeProblemAsync(400, "productId");
        await (await visitor.PostAsync(url, new { kind = "quote", name = "Budi", contact = "budi@hotel.id", productId = exhibitor.ProductId })).ShouldBeProblemAsync(400, "quantity");
        await (await visitor.PostAsync(url, new { kind = "quote", name = "Budi", contact = "budi@hotel.id", productId = other.ProductId, quantity = 10 })).ShouldBeProblemAsync(400, "productId");
        await (await visitor.PostAsync(url, new { kind = "sample", name = "Ayu", contact = "ayu@export.id" })).ShouldBeProblemAsync(400, "shippingCityCode");
        await (await visitor.PostAsync(url, new { kind = "sample", name = "Ayu", contact = "ayu@export.id", shippingCityCode = "99.99" })).ShouldBeProblemAsync(400, "shippingCityCode");
        await (await visitor.PostAsync($"/api/v1/booths/{Guid.NewGuid()}/leads", new { kind = "retail", name = "Sari", contact = "sari@example.id" })).ShouldBeProblemAsync(404);

        var leads = await exhibitor.Client.GetJsonAsync(url);
        Assert.Equal(0, leads.Long("total"));
    }
}
