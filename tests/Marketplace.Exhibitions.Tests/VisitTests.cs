using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static Marketplace.Exhibitions.Tests.ExhibitionFixtures;

namespace Marketplace.Exhibitions.Tests;

[Collection(AppCollection.Name)]
public sealed class VisitTests(ExhibitionsApp app) : VisitTestsBase(app);

[Collection(PostgresAppCollection.Name)]
public sealed class VisitTestsOnPostgres(ExhibitionsAppOnPostgres app) : VisitTestsBase(app);

public abstract class VisitTestsBase(ExhibitionsApp app)
{
    protected async Task<(JsonNode Exhibition, JsonNode Booth, ApiClient Organiser)> LiveBoothAsync()
    {
        var organiser = await app.SignUpAsync("organiser");
        var exhibition = await app.LiveExhibitionAsync(organiser);
        var exhibitor = await app.ExhibitorAsync();
        var booth = await exhibitor.OpenBoothAsync(organiser, exhibition.Id());
        return (exhibition, booth, organiser);
    }

    [Fact]
    public async Task A_visitor_counts_once_per_booth_per_30_minutes()
    {
        var (exhibition, booth, organiser) = await LiveBoothAsync();
        var visitor = Guid.NewGuid().ToString("N");
        var url = $"/api/v1/booths/{booth.Id()}/visits";

        async Task<bool> Visit(ApiClient client, string? id = null)
        {
            var response = await client.PostAsync(url, id is null ? null : new { visitorId = id });
            await response.ShouldHaveStatusAsync(200);
            return (await response.JsonAsync())["counted"]!.GetValue<bool>();
        }

        Assert.True(await Visit(app.Anonymous(), visitor));
        Assert.False(await Visit(app.Anonymous(), visitor));
        app.Clock.Advance(TimeSpan.FromMinutes(29));
        Assert.False(await Visit(app.Anonymous(), visitor));
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.True(await Visit(app.Anonymous(), visitor));

        // A signed-in visitor is counted by account, whatever visitorId the browser sends.
        var shopper = await app.SignUpAsync("shopper");
        Assert.True(await Visit(shopper));
        Assert.False(await Visit(shopper, "another-browser-id"));

        // The header works as well as the body.
        var request = new HttpRequestMessage(HttpMethod.Post, url);
        request.Headers.Add("X-Visitor-Id", "header-visitor-1");
        await (await app.Anonymous().Http.SendAsync(request)).ShouldHaveStatusAsync(200);

        var analytics = await organiser.GetJsonAsync($"/api/v1/exhibitions/{exhibition.Id()}/analytics");
        Assert.Equal(4, analytics.Long("visits"));
        Assert.Equal(3, analytics.Long("uniqueVisitors"));
    }

    [Fact]
    public async Task Ten_thousand_visits_in_a_minute_from_one_visitor_count_once_and_are_rate_limited()
    {
        var (exhibition, booth, organiser) = await LiveBoothAsync();
        var client = app.Anonymous();
        var url = $"/api/v1/booths/{booth.Id()}/visits";
        var statuses = new System.Collections.Concurrent.ConcurrentBag<int>();
        var counted = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, 10_000), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (_, ct) =>
        {
            using var response = await client.Http.PostAsJsonAsync(url, new { visitorId = "storm-visitor-0001" }, ct);
            statuses.Add((int)response.StatusCode);
            if ((int)response.StatusCode == 200 && (await response.Content.ReadFromJsonAsync<JsonObject>(ct))!["counted"]!.GetValue<bool>())
            {
                Interlocked.Increment(ref counted);
            }
        });

        Assert.Equal(1, counted);
        Assert.Equal(60, statuses.Count(s => s == 200));
        Assert.Equal(10_000 - 60, statuses.Count(s => s == 429));
        var limited = await client.PostAsync(url, new { visitorId = "storm-visitor-0001" });
        var problem = await limited.ShouldBeProblemAsync(429);
        Assert.Equal("exhibitions.visit.rate_limited", problem.Str("code"));
        Assert.NotNull(limited.Headers.RetryAfter);

        // Another visitor is not affected; the next minute the storm visitor may visit again (and is still de-duplicated).
        Assert.True((await (await client.PostAsync(url, new { visitorId = "calm-visitor-0001" })).JsonAsync())["counted"]!.GetValue<bool>());
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var again = await client.PostAsync(url, new { visitorId = "storm-visitor-0001" });
        await again.ShouldHaveStatusAsync(200);
        Assert.False((await again.JsonAsync())["counted"]!.GetValue<bool>());

        var analytics = await organiser.GetJsonAsync($"/api/v1/exhibitions/{exhibition.Id()}/analytics");
        Assert.Equal(2, analytics.Long("visits"));
        Assert.Equal(2, analytics.Long("uniqueVisitors"));

        // Operators see the storm on /metrics.
        var admin = await app.AdminAsync();
        await Eventually.HoldsAsync(async () =>
        {
            var metrics = await (await admin.GetAsync("/metrics")).Content.ReadAsStringAsync();
            return metrics.Split('\n').Any(l => l.StartsWith("marketplace_exhibitions_visits", StringComparison.Ordinal) && l.Contains("rate_limited", StringComparison.Ordinal));
        }, TimeSpan.FromSeconds(10), "the visit outcome counter shows on /metrics");
    }

    [Fact]
    public async Task Bad_visits_are_refused()
    {
        var (_, booth, organiser) = await LiveBoothAsync();
        var anonymous = app.Anonymous();
        await (await anonymous.PostAsync($"/api/v1/booths/{booth.Id()}/visits")).ShouldBeProblemAsync(400, "visitorId");
        await (await anonymous.PostAsync($"/api/v1/booths/{booth.Id()}/visits", new { visitorId = "x" })).ShouldBeProblemAsync(400, "visitorId");
        await (await anonymous.PostAsync($"/api/v1/booths/{booth.Id()}/visits", new { visitorId = "<script>alert(1)</script>" })).ShouldBeProblemAsync(400, "visitorId");
        await (await anonymous.PostAsync($"/api/v1/booths/{Guid.NewGuid()}/visits", new { visitorId = "visitor-0001" })).ShouldBeProblemAsync(404);
        await (await anonymous.SendRawAsync(HttpMethod.Post, $"/api/v1/booths/{booth.Id()}/visits", "{not json")).ShouldBeProblemAsync(400);

        // Before the exhibition opens, visits are not counted.
        var now = app.Clock.GetUtcNow();
        var upcoming = await organiser.CreateExhibitionAsync(ExhibitionBody(now.AddDays(3), now.AddDays(4)));
        await organiser.PublishAsync(upcoming.Id());
        var exhibitor = await app.ExhibitorAsync();
        var early = await exhibitor.OpenBoothAsync(organiser, upcoming.Id());
        await (await anonymous.PostAsync($"/api/v1/booths/{early.Id()}/visits", new { visitorId = "visitor-0001" })).ShouldBeProblemAsync(409);
    }
}
