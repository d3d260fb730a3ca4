using System.Net.Http.Json;
using System.Text;
using static Marketplace.Exhibitions.Tests.ExhibitionFixtures;

namespace Marketplace.Exhibitions.Tests;

[Collection(AppCollection.Name)]
public sealed class OrganiserConsoleTests(ExhibitionsApp app) : OrganiserConsoleTestsBase(app);

[Collection(PostgresAppCollection.Name)]
public sealed class OrganiserConsoleTestsOnPostgres(ExhibitionsAppOnPostgres app) : OrganiserConsoleTestsBase(app);

/// <summary>What the organiser console needs of the API: one exhibition per submitted form, the hall chosen at approval, the exports.</summary>
public abstract class OrganiserConsoleTestsBase(ExhibitionsApp app)
{
    private static async Task<HttpResponseMessage> CreateWithKeyAsync(ApiClient organiser, object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/exhibitions") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return await organiser.Http.SendAsync(request);
    }

    [Fact]
    public async Task The_same_idempotency_key_creates_one_exhibition_even_when_sent_twice_at_once()
    {
        var organiser = await app.SignUpAsync("organiser");
        var now = app.Clock.GetUtcNow();
        var body = ExhibitionBody(now.AddDays(3), now.AddDays(5));
        var key = Guid.NewGuid().ToString("N");

        var answers = await Task.WhenAll(CreateWithKeyAsync(organiser, body, key), CreateWithKeyAsync(organiser, body, key));
        var third = await CreateWithKeyAsync(organiser, body, key);

        var ids = new List<Guid>();
        foreach (var answer in answers.Append(third))
        {
            Assert.True((int)answer.StatusCode is 200 or 201, $"{(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}");
            ids.Add((await answer.JsonAsync()).Id());
        }

        Assert.Single(ids.Distinct());
        var mine = await organiser.GetJsonAsync("/api/v1/me/exhibitions");
        Assert.Single(mine.AsArray());
        // A new key is a new exhibition.
        await (await CreateWithKeyAsync(organiser, body, Guid.NewGuid().ToString("N"))).ShouldHaveStatusAsync(201);
    }

    [Fact]
    public async Task An_exhibition_that_ends_in_the_past_is_refused_naming_endsAt_and_nothing_is_created()
    {
        var organiser = await app.SignUpAsync("organiser");
        var now = app.Clock.GetUtcNow();

        await (await organiser.PostAsync("/api/v1/exhibitions", ExhibitionBody(now.AddDays(-10), now.AddDays(-8)))).ShouldBeProblemAsync(400, "endsAt");
        await (await organiser.PostAsync("/api/v1/exhibitions", ExhibitionBody(now.AddDays(5), now.AddDays(4)))).ShouldBeProblemAsync(400, "endsAt");
        Assert.Empty((await organiser.GetJsonAsync("/api/v1/me/exhibitions")).AsArray());
    }

    [Fact]
    public async Task The_organiser_places_a_booth_in_the_hall_they_choose_and_an_unknown_hall_is_a_field_error()
    {
        var organiser = await app.SignUpAsync("organiser");
        var exhibition = await app.LiveExhibitionAsync(organiser);
        var exhibitor = await app.ExhibitorAsync(subsectors: ["kuliner"]);
        var application = await exhibitor.ApplyAsync(exhibition.Id(), hall: "Hall Kuliner");

        await (await organiser.PostAsync($"/api/v1/booth-applications/{application.Id()}/approve", new { hall = "Hall <b>Nowhere</b>" }))
            .ShouldBeProblemAsync(400, "hall");
        var approved = await organiser.PostAsync($"/api/v1/booth-applications/{application.Id()}/approve", new { hall = "Hall Kriya" });
        await approved.ShouldHaveStatusAsync(200);
        Assert.Equal("Hall Kriya", (await approved.JsonAsync())["booth"]!.Str("hall"));
        // The double click: decided once, the second answer says so.
        await (await organiser.PostAsync($"/api/v1/booth-applications/{application.Id()}/approve", new { hall = "Hall Kriya" }))
            .ShouldBeProblemAsync(409, code: "exhibitions.application.already_decided");
    }

    [Fact]
    public async Task Exports_carry_every_booth_lead_and_day_without_visitor_contacts_and_only_for_the_organiser()
    {
        var organiser = await app.SignUpAsync("organiser");
        var exhibition = await app.LiveExhibitionAsync(organiser);
        var exhibitor = await app.ExhibitorAsync(subsectors: ["kuliner"]);
        var booth = await exhibitor.OpenBoothAsync(organiser, exhibition.Id());
        await (await app.Anonymous().PostAsync($"/api/v1/booths/{booth.Id()}/visits", new { visitorId = "visitor-export-1" })).ShouldHaveStatusAsync(200);
        await (await app.Anonymous().PostAsync($"/api/v1/booths/{booth.Id()}/leads",
            new { kind = "wholesale", name = "=HYPERLINK(\"http://evil\")", contact = "rahasia@example.id", company = "PT Rahasia", quantity = 500 })).ShouldHaveStatusAsync(201);
        var id = exhibition.Id();

        var booths = await organiser.GetAsync($"/api/v1/exhibitions/{id}/exports/booths?format=csv");
        await booths.ShouldHaveStatusAsync(200);
        Assert.StartsWith("text/csv", booths.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        var boothsCsv = Encoding.UTF8.GetString(await booths.Content.ReadAsByteArrayAsync());
        Assert.Contains("booth_id,hall,slot,tier,shop", boothsCsv, StringComparison.Ordinal);
        Assert.Contains(booth.Id().ToString(), boothsCsv, StringComparison.Ordinal);

        var leads = Encoding.UTF8.GetString(await (await organiser.GetAsync($"/api/v1/exhibitions/{id}/exports/leads")).Content.ReadAsByteArrayAsync());
        Assert.Contains(",wholesale,new,", leads, StringComparison.Ordinal);
        Assert.DoesNotContain("rahasia@example.id", leads, StringComparison.Ordinal);
        Assert.DoesNotContain("PT Rahasia", leads, StringComparison.Ordinal);
        Assert.DoesNotContain("HYPERLINK", leads, StringComparison.Ordinal);

        var days = await organiser.GetAsync($"/api/v1/exhibitions/{id}/exports/days?format=xlsx");
        await days.ShouldHaveStatusAsync(200);
        var bytes = await days.Content.ReadAsByteArrayAsync();
        Assert.Equal((byte)'P', bytes[0]); // a zip container (XLSX)
        Assert.Equal((byte)'K', bytes[1]);

        var other = await app.SignUpAsync("organiser");
        await (await other.GetAsync($"/api/v1/exhibitions/{id}/exports/booths")).ShouldBeProblemAsync(403);
        await (await exhibitor.Client.GetAsync($"/api/v1/exhibitions/{id}/exports/leads")).ShouldBeProblemAsync(403);
        await (await organiser.GetAsync($"/api/v1/exhibitions/{Guid.NewGuid()}/exports/days")).ShouldBeProblemAsync(404);
        await (await organiser.GetAsync($"/api/v1/exhibitions/{id}/exports/booths?format=pdf")).ShouldBeProblemAsync(400, "format");
    }
}
