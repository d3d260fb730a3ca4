using Marketplace.Cart.Contracts;
using Marketplace.Orders.Contracts;
using Marketplace.SharedKernel;
using Marketplace.SharedKernel.Events;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Exhibitions.Tests;

[Collection(AppCollection.Name)]
public sealed class AnalyticsTests(ExhibitionsApp app) : AnalyticsTestsBase(app);

[Collection(PostgresAppCollection.Name)]
public sealed class AnalyticsTestsOnPostgres(ExhibitionsAppOnPostgres app) : AnalyticsTestsBase(app);

public abstract class AnalyticsTestsBase(ExhibitionsApp app)
{
    /// <summary>
    /// Delivers an event to the Exhibitions module's handlers of it, as the Cart's or Orders' outbox dispatcher does.
    /// Other modules' handlers (the Ledger's) are left out: the synthetic events here are not a whole order's story.
    /// </summary>
    private async Task DeliverAsync<T>(T integrationEvent)
        where T : IntegrationEvent
    {
        await using var scope = app.Services.CreateAsyncScope();
        foreach (var handler in scope.ServiceProvider.GetServices<IIntegrationEventHandler<T>>()
                     .Where(h => h.GetType().Namespace?.StartsWith("Marketplace.Exhibitions", StringComparison.Ordinal) == true))
        {
            await handler.HandleAsync(integrationEvent, default);
        }
    }

    [Fact]
    public async Task Visits_uniques_leads_add_to_carts_and_paid_sales_are_attributed_to_booths_by_subsector_and_day()
    {
        var organiser = await app.SignUpAsync("organiser");
        var exhibition = await app.LiveExhibitionAsync(organiser);
        var culinary = await app.ExhibitorAsync(subsectors: ["kuliner"]);
        var craft = await app.ExhibitorAsync(subsectors: ["kriya"]);
        var culinaryBooth = await culinary.OpenBoothAsync(organiser, exhibition.Id());
        var craftBooth = await craft.OpenBoothAsync(organiser, exhibition.Id());

        foreach (var visitor in new[] { "visitor-aaaa", "visitor-bbbb", "visitor-cccc" })
        {
            await (await app.Anonymous().PostAsync($"/api/v1/booths/{culinaryBooth.Id()}/visits", new { visitorId = visitor })).ShouldHaveStatusAsync(200);
        }

        await (await app.Anonymous().PostAsync($"/api/v1/booths/{culinaryBooth.Id()}/visits", new { visitorId = "visitor-aaaa" })).ShouldHaveStatusAsync(200);
        await (await app.Anonymous().PostAsync($"/api/v1/booths/{craftBooth.Id()}/visits", new { visitorId = "visitor-aaaa" })).ShouldHaveStatusAsync(200);
        await (await app.Anonymous().PostAsync($"/api/v1/booths/{culinaryBooth.Id()}/leads", new { kind = "wholesale", name = "Rina", contact = "rina@example.id", quantity = 100 })).ShouldHaveStatusAsync(201);

        var now = app.Clock.GetUtcNow(); // the other modules' clocks; the fake one here so "by day" is one day
        var cartId = Guid.NewGuid();
        var added = new CartItemAdded(cartId, culinary.ProductId, culinary.ShopId, 2, culinaryBooth.Id(), null, now) { OccurredAt = now };
        await DeliverAsync(added);
        await DeliverAsync(added); // redelivered: recorded once
        await DeliverAsync(new CartItemAdded(cartId, culinary.ProductId, culinary.ShopId, 1, null, null, now) { OccurredAt = now }); // not from a booth
        await DeliverAsync(new CartItemAdded(cartId, craft.ProductId, craft.ShopId, 1, culinaryBooth.Id(), null, now) { OccurredAt = now }); // another shop's product: not this booth's
        var orderId = Guid.NewGuid();
        var paid = new OrderLinePaid(orderId, Guid.NewGuid(), culinary.ShopId, culinary.ProductId, 2, Money.Idr(5_000_000), culinaryBooth.Id(), null, now) { OccurredAt = now };
        await DeliverAsync(paid);
        await DeliverAsync(paid);

        var analytics = await organiser.GetJsonAsync($"/api/v1/exhibitions/{exhibition.Id()}/analytics");
        Assert.Equal(4, analytics.Long("visits"));
        Assert.Equal(3, analytics.Long("uniqueVisitors"));
        Assert.Equal(1, analytics.Long("addToCarts"));
        Assert.Equal(2, analytics.Long("addToCartQuantity"));
        Assert.Equal(1, analytics["sales"]!.Long("orders"));
        Assert.Equal(5_000_000, analytics["sales"]!["amount"]!.Long("amount"));
        Assert.Equal(1, analytics["leads"]!.Long("total"));
        Assert.Equal("in_process", analytics.Str("counters"));

        var top = analytics["topBooths"]!.AsArray();
        Assert.Equal(culinaryBooth.Id(), top[0]!.Str("boothId") is { } id ? Guid.Parse(id) : Guid.Empty);
        Assert.Equal(3, top[0]!.Long("visits"));
        Assert.Equal(3, top[0]!.Long("uniqueVisitors"));
        Assert.Equal(1, top[0]!.Long("sales"));
        Assert.Equal(1, top[1]!.Long("visits"));
        Assert.Equal(culinaryBooth.Id(), Guid.Parse(analytics["trending"]![0]!.Str("boothId")));

        var kuliner = analytics["bySubsector"]!.AsArray().Single(s => s!.Str("subsector") == "kuliner")!;
        Assert.Equal(3, kuliner.Long("visits"));
        Assert.Equal(1, kuliner.Long("leads"));
        Assert.Equal(5_000_000, kuliner["salesAmount"]!.Long("amount"));
        var kriya = analytics["bySubsector"]!.AsArray().Single(s => s!.Str("subsector") == "kriya")!;
        Assert.Equal(1, kriya.Long("uniqueVisitors"));
        var today = Assert.Single(analytics["byDay"]!.AsArray())!;
        Assert.Equal(app.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), today.Str("date"));
        Assert.Equal(4, today.Long("visits"));

        // The exhibitor sees the same for their booth only.
        var mine = await culinary.Client.GetJsonAsync($"/api/v1/booths/{culinaryBooth.Id()}/analytics");
        Assert.Equal(3, mine.Long("visits"));
        Assert.Equal(3, mine.Long("uniqueVisitors"));
        Assert.Equal(1, mine["sales"]!.Long("orders"));
        Assert.Equal(1, mine["leads"]!.Long("total"));
        var theirs = await craft.Client.GetJsonAsync($"/api/v1/booths/{craftBooth.Id()}/analytics");
        Assert.Equal(1, theirs.Long("visits"));
        Assert.Equal(0, theirs["sales"]!.Long("orders"));
    }

    [Fact]
    public async Task A_paid_order_that_is_cancelled_is_no_longer_a_sale_of_the_booth()
    {
        var organiser = await app.SignUpAsync("organiser");
        var exhibition = await app.LiveExhibitionAsync(organiser);
        var exhibitor = await app.ExhibitorAsync(subsectors: ["kuliner"]);
        var booth = await exhibitor.OpenBoothAsync(organiser, exhibition.Id());
        var now = app.Clock.GetUtcNow();
        var kept = Guid.NewGuid();
        var refunded = Guid.NewGuid();
        await DeliverAsync(new OrderLinePaid(kept, Guid.NewGuid(), exhibitor.ShopId, exhibitor.ProductId, 1, Money.Idr(2_500_000), booth.Id(), null, now) { OccurredAt = now });
        await DeliverAsync(new OrderLinePaid(refunded, Guid.NewGuid(), exhibitor.ShopId, exhibitor.ProductId, 2, Money.Idr(5_000_000), booth.Id(), null, now) { OccurredAt = now });

        var cancelled = new OrderCancelled(refunded, Guid.NewGuid(), exhibitor.ShopId, "shopper changed their mind", WasPaid: true) { OccurredAt = now };
        await DeliverAsync(cancelled);
        await DeliverAsync(cancelled); // redelivered: nothing more happens
        // An unpaid order's cancellation never was a sale and takes nothing away.
        await DeliverAsync(new OrderCancelled(kept, Guid.NewGuid(), exhibitor.ShopId, "expired", WasPaid: false) { OccurredAt = now });

        var analytics = await organiser.GetJsonAsync($"/api/v1/exhibitions/{exhibition.Id()}/analytics");
        Assert.Equal(1, analytics["sales"]!.Long("orders"));
        Assert.Equal(2_500_000, analytics["sales"]!["amount"]!.Long("amount"));
    }

    [Fact]
    public async Task A_kept_answer_is_served_again_only_until_a_visit_lead_or_sale_lands_or_the_minute_turns()
    {
        var organiser = await app.SignUpAsync("organiser");
        var exhibition = await app.LiveExhibitionAsync(organiser);
        var exhibitor = await app.ExhibitorAsync(subsectors: ["kuliner"]);
        var booth = await exhibitor.OpenBoothAsync(organiser, exhibition.Id());
        var url = $"/api/v1/exhibitions/{exhibition.Id()}/analytics";
        var boothUrl = $"/api/v1/booths/{booth.Id()}/analytics";
        async Task Visit(string visitor) =>
            await (await app.Anonymous().PostAsync($"/api/v1/booths/{booth.Id()}/visits", new { visitorId = visitor })).ShouldHaveStatusAsync(200);

        await Visit("kept-visitor-1");
        Assert.Equal(1, (await organiser.GetJsonAsync(url)).Long("visits"));
        Assert.Equal(1, (await exhibitor.Client.GetJsonAsync(boothUrl)).Long("visits"));

        // Asked again with nothing new, the kept answer is served (the same generatedAt); background work such as a counter
        // snapshot may write meanwhile and make a call compute again, hence the retries.
        var answers = app.Services.GetRequiredService<Marketplace.Exhibitions.Analytics.AnalyticsAnswers>();
        await Eventually.HoldsAsync(async () =>
        {
            var hits = answers.Hits;
            var first = await organiser.GetJsonAsync(url);
            var second = await organiser.GetJsonAsync(url);
            return answers.Hits > hits && first.Str("generatedAt") == second.Str("generatedAt");
        }, TimeSpan.FromSeconds(30), "a second call is served the kept answer");

        // Every write lands in the very next answer, whether it was kept or not.
        await Visit("kept-visitor-2");
        var afterVisit = await organiser.GetJsonAsync(url);
        Assert.Equal(2, afterVisit.Long("visits"));
        Assert.Equal(2, afterVisit.Long("uniqueVisitors"));
        Assert.Equal(2, afterVisit["trending"]![0]!.Long("recentVisits"));
        Assert.Equal(2, (await exhibitor.Client.GetJsonAsync(boothUrl)).Long("visits"));

        var lead = await app.Anonymous().PostAsync($"/api/v1/booths/{booth.Id()}/leads", new { kind = "wholesale", name = "Sari", contact = "sari@example.id", quantity = 50 });
        await lead.ShouldHaveStatusAsync(201);
        Assert.Equal(1, (await organiser.GetJsonAsync(url))["leads"]!["byStatus"]!.Long("new"));
        Assert.Equal(1, (await exhibitor.Client.GetJsonAsync(boothUrl))["leads"]!.Long("total"));
        await (await exhibitor.Client.PatchAsync($"/api/v1/leads/{(await lead.JsonAsync()).Id()}", new { status = "contacted" })).ShouldHaveStatusAsync(200);
        var afterLead = await organiser.GetJsonAsync(url);
        Assert.Equal(0, afterLead["leads"]!["byStatus"]!.Long("new"));
        Assert.Equal(1, afterLead["leads"]!["byStatus"]!.Long("contacted"));

        var now = app.Clock.GetUtcNow();
        await DeliverAsync(new OrderLinePaid(Guid.NewGuid(), Guid.NewGuid(), exhibitor.ShopId, exhibitor.ProductId, 1, Money.Idr(1_500_000), booth.Id(), null, now) { OccurredAt = now });
        Assert.Equal(1_500_000, (await organiser.GetJsonAsync(url))["sales"]!["amount"]!.Long("amount"));
        Assert.Equal(1, (await exhibitor.Client.GetJsonAsync(boothUrl))["sales"]!.Long("orders"));

        // The trend moves by the minute: a new minute is a new answer.
        var before = await organiser.GetJsonAsync(url);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var later = await organiser.GetJsonAsync(url);
        Assert.NotEqual(before.Str("generatedAt"), later.Str("generatedAt"));
        Assert.Equal(2, later.Long("visits"));
    }

    [Fact]
    public async Task Analytics_are_for_the_organiser_and_the_exhibitor_only()
    {
        var a = await app.SignUpAsync("organiser");
        var b = await app.SignUpAsync("organiser");
        var exhibition = await app.LiveExhibitionAsync(a);
        var exhibitor = await app.ExhibitorAsync();
        var booth = await exhibitor.OpenBoothAsync(a, exhibition.Id());
        var stranger = await app.ExhibitorAsync();

        await (await b.GetAsync($"/api/v1/exhibitions/{exhibition.Id()}/analytics")).ShouldBeProblemAsync(403);
        await (await exhibitor.Client.GetAsync($"/api/v1/exhibitions/{exhibition.Id()}/analytics")).ShouldHaveStatusAsync(403);
        await (await stranger.Client.GetAsync($"/api/v1/booths/{booth.Id()}/analytics")).ShouldBeProblemAsync(403);
        await (await b.GetAsync($"/api/v1/booths/{booth.Id()}/analytics")).ShouldBeProblemAsync(403);
        await (await a.GetAsync($"/api/v1/exhibitions/{Guid.NewGuid()}/analytics")).ShouldBeProblemAsync(404);
        await (await a.GetAsync($"/api/v1/booths/{booth.Id()}/analytics")).ShouldHaveStatusAsync(200);
    }

    [Fact]
    public async Task Trending_booths_are_public_in_order_of_recent_visits_without_the_numbers()
    {
        var organiser = await app.SignUpAsync("organiser");
        var exhibition = await app.LiveExhibitionAsync(organiser);
        var quiet = await (await app.ExhibitorAsync(subsectors: ["kriya"])).OpenBoothAsync(organiser, exhibition.Id());
        var busy = await (await app.ExhibitorAsync(subsectors: ["kuliner"])).OpenBoothAsync(organiser, exhibition.Id());
        var unvisited = await (await app.ExhibitorAsync(subsectors: ["fashion"])).OpenBoothAsync(organiser, exhibition.Id());
        foreach (var visitor in new[] { "visitor-trend-1", "visitor-trend-2", "visitor-trend-3" })
        {
            await (await app.Anonymous().PostAsync($"/api/v1/booths/{busy.Id()}/visits", new { visitorId = visitor })).ShouldHaveStatusAsync(200);
        }

        await (await app.Anonymous().PostAsync($"/api/v1/booths/{quiet.Id()}/visits", new { visitorId = "visitor-trend-1" })).ShouldHaveStatusAsync(200);

        var response = await app.Anonymous().GetAsync($"/api/v1/exhibitions/{exhibition.Id()}/booths/trending?top=5");
        await response.ShouldHaveStatusAsync(200);
        Assert.Equal("public, max-age=60", response.Headers.CacheControl?.ToString());
        var body = await response.JsonAsync();
        var items = body["items"]!.AsArray();
        Assert.Equal([busy.Id(), quiet.Id()], items.Select(i => i!.Id()).ToArray());
        Assert.DoesNotContain(unvisited.Id(), items.Select(i => i!.Id()));
        Assert.Equal(24, body.Long("windowHours"));
        Assert.Equal("kuliner", items[0]!["subsectors"]![0]!.GetValue<string>());
        // Order only: no visit counts, unique visitors or sales leave the organiser's analytics.
        Assert.DoesNotContain("visit", body.ToJsonString(), StringComparison.OrdinalIgnoreCase);

        var one = await app.Anonymous().GetJsonAsync($"/api/v1/exhibitions/{exhibition.Id()}/booths/trending?top=1");
        Assert.Equal([busy.Id()], one["items"]!.AsArray().Select(i => i!.Id()).ToArray());
    }

    [Fact]
    public async Task Trending_booths_refuse_a_bad_size_and_hide_unknown_and_draft_exhibitions()
    {
        var organiser = await app.SignUpAsync("organiser");
        var live = await app.LiveExhibitionAsync(organiser);
        var now = app.Clock.GetUtcNow();
        var draft = await organiser.CreateExhibitionAsync(ExhibitionFixtures.ExhibitionBody(now.AddDays(5), now.AddDays(10)));

        await (await app.Anonymous().GetAsync($"/api/v1/exhibitions/{live.Id()}/booths/trending?top=0")).ShouldBeProblemAsync(400, "top");
        await (await app.Anonymous().GetAsync($"/api/v1/exhibitions/{live.Id()}/booths/trending?top=11")).ShouldBeProblemAsync(400, "top");
        await (await app.Anonymous().GetAsync($"/api/v1/exhibitions/{live.Id()}/booths/trending?top=-3")).ShouldBeProblemAsync(400, "top");
        await (await app.Anonymous().GetAsync($"/api/v1/exhibitions/{Guid.NewGuid()}/booths/trending")).ShouldBeProblemAsync(404);
        await (await app.Anonymous().GetAsync($"/api/v1/exhibitions/{draft.Id()}/booths/trending")).ShouldBeProblemAsync(404);
        var own = await organiser.GetAsync($"/api/v1/exhibitions/{draft.Id()}/booths/trending");
        await own.ShouldHaveStatusAsync(200);
        Assert.NotEqual(true, own.Headers.CacheControl?.Public); // a draft's answer is its organiser's, not a proxy's
        Assert.Empty((await app.Anonymous().GetJsonAsync($"/api/v1/exhibitions/{live.Id()}/booths/trending"))["items"]!.AsArray());
    }
}
