using System.Text.Json.Nodes;
using static Marketplace.Exhibitions.Tests.ExhibitionFixtures;

namespace Marketplace.Exhibitions.Tests;

[Collection(AppCollection.Name)]
public sealed class ExhibitionTests(ExhibitionsApp app) : ExhibitionTestsBase(app);

[Collection(PostgresAppCollection.Name)]
public sealed class ExhibitionTestsOnPostgres(ExhibitionsAppOnPostgres app) : ExhibitionTestsBase(app);

public abstract class ExhibitionTestsBase(ExhibitionsApp app)
{
    [Fact]
    public async Task An_organiser_creates_a_draft_with_tiers_halls_and_jakarta_times_and_publishes_it()
    {
        var organiser = await app.SignUpAsync("organiser");
        var body = new
        {
            title = "Festival Mbois Malang " + Guid.NewGuid().ToString("N")[..6],
            cityCode = Malang,
            startsAt = "2030-03-01T09:00:00", // no offset: Asia/Jakarta
            endsAt = "2030-03-03T21:00:00+07:00",
            subsectors = new[] { "kuliner", "kriya" },
            tiers = new object[] { new { name = "Standard", capacity = 20 }, new { name = "Premium", capacity = 5, price = new { amount = 100_000_000, currency = "IDR" } } },
            halls = new object[] { new { name = "Hall A" } },
            description = "<p onclick=\"x()\">Halo</p><script>alert(1)</script>",
        };
        var created = await organiser.CreateExhibitionAsync(body);

        Assert.Equal("draft", created.Str("status"));
        Assert.StartsWith("festival-mbois-malang", created.Str("slug"));
        Assert.Equal("2030-03-01T09:00:00+07:00", created.Str("startsAt"));
        Assert.Equal("Asia/Jakarta", created.Str("timeZone"));
        Assert.Equal("Kota Malang", created.Str("cityName"), ignoreCase: true);
        Assert.Equal(2, created["tiers"]!.AsArray().Count);
        Assert.Equal(100_000_000, created["tiers"]![1]!["price"]!.Long("amount"));
        Assert.DoesNotContain("script", created.Str("description"), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onclick", created.Str("description"), StringComparison.OrdinalIgnoreCase);

        // A draft is the organiser's alone.
        await (await app.Anonymous().GetAsync($"/api/v1/exhibitions/by-slug/{created.Str("slug")}")).ShouldBeProblemAsync(404);
        await organiser.GetJsonAsync($"/api/v1/exhibitions/by-slug/{created.Str("slug")}");
        var mine = await organiser.GetJsonAsync("/api/v1/me/exhibitions");
        Assert.Contains(mine.AsArray(), e => e!.Id() == created.Id());

        var published = await organiser.PublishAsync(created.Id());
        Assert.Equal("upcoming", published.Str("status"));
        var read = await app.Anonymous().GetJsonAsync($"/api/v1/exhibitions/by-slug/{created.Str("slug")}");
        Assert.Equal(created.Id(), read.Id());
    }

    [Fact]
    public async Task An_exhibition_that_ends_before_it_starts_is_refused_naming_endsAt()
    {
        var organiser = await app.SignUpAsync("organiser");
        var now = app.Clock.GetUtcNow();
        var response = await organiser.PostAsync("/api/v1/exhibitions", ExhibitionBody(now.AddDays(5), now.AddDays(4)));
        await response.ShouldBeProblemAsync(400, "endsAt");
    }

    [Theory]
    [InlineData("title", "")]
    [InlineData("title", "<b>Expo</b>")]
    [InlineData("cityCode", "99.99")]
    [InlineData("startsAt", "kemarin")]
    [InlineData("bannerUrl", "javascript:alert(1)")]
    [InlineData("slug", "Bukan Slug")]
    public async Task Bad_exhibition_fields_are_named_in_the_problem(string field, string value)
    {
        var organiser = await app.SignUpAsync("organiser");
        var now = app.Clock.GetUtcNow();
        var body = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(ExhibitionBody(now.AddDays(1), now.AddDays(3))))!.AsObject();
        body[field] = value;
        var response = await organiser.PostAsync("/api/v1/exhibitions", body);
        await response.ShouldBeProblemAsync(400, field);
    }

    [Fact]
    public async Task Bad_tiers_and_halls_are_refused_naming_the_item()
    {
        var organiser = await app.SignUpAsync("organiser");
        var now = app.Clock.GetUtcNow();
        var body = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(ExhibitionBody(now.AddDays(1), now.AddDays(3))))!.AsObject();
        body["tiers"] = new JsonArray(new JsonObject { ["name"] = "Standard", ["capacity"] = 0 });
        await (await organiser.PostAsync("/api/v1/exhibitions", body)).ShouldBeProblemAsync(400, "tiers[0].capacity");

        body["tiers"] = new JsonArray(new JsonObject { ["name"] = "A", ["capacity"] = 1 }, new JsonObject { ["name"] = "a", ["capacity"] = 1 });
        await (await organiser.PostAsync("/api/v1/exhibitions", body)).ShouldBeProblemAsync(400, "tiers");

        body["tiers"] = new JsonArray(new JsonObject { ["name"] = "A", ["capacity"] = 1, ["price"] = new JsonObject { ["amount"] = -1, ["currency"] = "IDR" } });
        await (await organiser.PostAsync("/api/v1/exhibitions", body)).ShouldBeProblemAsync(400, "tiers[0].price");

        body["tiers"] = new JsonArray(new JsonObject { ["name"] = "A", ["capacity"] = 1 });
        body["halls"] = new JsonArray(new JsonObject { ["name"] = "" });
        await (await organiser.PostAsync("/api/v1/exhibitions", body)).ShouldBeProblemAsync(400, "halls[0].name");
    }

    [Fact]
    public async Task Publishing_without_tiers_is_refused_and_the_draft_stays_a_draft()
    {
        var organiser = await app.SignUpAsync("organiser");
        var now = app.Clock.GetUtcNow();
        var created = await organiser.CreateExhibitionAsync(new
        {
            title = "Kediri Tenun Ikat Fair",
            cityCode = Kediri,
            startsAt = Iso(now.AddDays(1)),
            endsAt = Iso(now.AddDays(2)),
            halls = new[] { new { name = "Hall 1" } },
        });

        await (await organiser.PostAsync($"/api/v1/exhibitions/{created.Id()}/publish")).ShouldBeProblemAsync(422, "tiers");
        var read = await organiser.GetJsonAsync($"/api/v1/exhibitions/{created.Id()}");
        Assert.Equal("draft", read.Str("status"));

        var patched = await organiser.PatchAsync($"/api/v1/exhibitions/{created.Id()}", new { tiers = new[] { new { name = "Standard", capacity = 3 } } });
        await patched.ShouldHaveStatusAsync(200);
        var published = await organiser.PublishAsync(created.Id());
        Assert.Equal("upcoming", published.Str("status"));

        // Once published, the layout is fixed: applications point at its tiers.
        var locked = await organiser.PatchAsync($"/api/v1/exhibitions/{created.Id()}", new { tiers = new[] { new { name = "Standard", capacity = 1 } } });
        await locked.ShouldBeProblemAsync(409, "tiers");
        await (await organiser.PostAsync($"/api/v1/exhibitions/{created.Id()}/publish")).ShouldBeProblemAsync(409);
    }

    [Fact]
    public async Task Organiser_B_cannot_touch_organiser_As_exhibition()
    {
        var a = await app.SignUpAsync("organiser");
        var b = await app.SignUpAsync("organiser");
        var now = app.Clock.GetUtcNow();
        var created = await a.CreateExhibitionAsync(ExhibitionBody(now.AddDays(1), now.AddDays(3)));

        await (await b.PatchAsync($"/api/v1/exhibitions/{created.Id()}", new { title = "Dibajak" })).ShouldBeProblemAsync(403);
        await (await b.PostAsync($"/api/v1/exhibitions/{created.Id()}/publish")).ShouldBeProblemAsync(403);
        await (await b.GetAsync($"/api/v1/exhibitions/{created.Id()}")).ShouldBeProblemAsync(404);
        var merchant = await app.SignUpAsync("merchant");
        await (await merchant.PostAsync("/api/v1/exhibitions", ExhibitionBody(now.AddDays(1), now.AddDays(3)))).ShouldHaveStatusAsync(403);
        await (await app.Anonymous().PostAsync($"/api/v1/exhibitions/{created.Id()}/publish")).ShouldHaveStatusAsync(401);

        var read = await a.GetJsonAsync($"/api/v1/exhibitions/{created.Id()}");
        Assert.Equal(created.Str("title"), read.Str("title"));
        Assert.Equal("draft", read.Str("status"));
    }

    [Fact]
    public async Task Status_follows_the_clock_from_upcoming_to_live_to_ended_and_listing_filters_by_it()
    {
        var organiser = await app.SignUpAsync("organiser");
        var now = app.Clock.GetUtcNow();
        var city = "35.07"; // Kabupaten Malang: a city no other test uses, so the listing is this test's own
        var created = await organiser.CreateExhibitionAsync(ExhibitionBody(now.AddDays(1), now.AddDays(2), city: city));
        await organiser.PublishAsync(created.Id());

        async Task<string[]> Listed(string status) =>
            (await app.Anonymous().GetJsonAsync($"/api/v1/exhibitions?status={status}&city={city}"))["items"]!.AsArray()
                .Where(e => e!.Id() == created.Id()).Select(e => e!.Str("status")).ToArray();

        Assert.Equal(["upcoming"], await Listed("upcoming"));
        Assert.Empty(await Listed("live"));

        app.Clock.Advance(TimeSpan.FromDays(1).Add(TimeSpan.FromMinutes(1)));
        Assert.Equal("live", (await app.Anonymous().GetJsonAsync($"/api/v1/exhibitions/{created.Id()}")).Str("status"));
        Assert.Equal(["live"], await Listed("live"));
        Assert.Empty(await Listed("upcoming"));

        app.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(["ended"], await Listed("ended"));
        Assert.Empty(await Listed("live"));

        // An ended exhibition is closed for edits.
        await (await organiser.PatchAsync($"/api/v1/exhibitions/{created.Id()}", new { title = "Lagi" })).ShouldBeProblemAsync(409);
        await (await app.Anonymous().GetAsync("/api/v1/exhibitions?status=soon")).ShouldBeProblemAsync(400, "status");
    }
}
