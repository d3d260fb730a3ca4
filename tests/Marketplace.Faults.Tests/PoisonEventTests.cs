using Marketplace.Identity.Contracts;
using Marketplace.SharedKernel.Events;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Faults.Tests;

/// <summary>A handler that fails for one event, forever (until "fixed"), like a bug that only one record triggers.</summary>
public sealed class PoisonedHandler : IIntegrationEventHandler<UserRegistered>
{
    public static volatile string PoisonedEmail = "";

    public static readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, int> Applied = new();

    public Task HandleAsync(UserRegistered integrationEvent, CancellationToken cancellationToken)
    {
        if (integrationEvent.Email == PoisonedEmail)
        {
            throw new InvalidOperationException("poison: this record breaks the handler");
        }

        Applied.AddOrUpdate(integrationEvent.UserId, 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }
}

public sealed class PoisonApp : MarketplaceApp
{
    protected override void ConfigureTestServices(IWebHostBuilder builder) =>
        builder.ConfigureTestServices(services => services.AddScoped<IIntegrationEventHandler<UserRegistered>, PoisonedHandler>());
}

/// <summary>
/// A poison event: after Outbox:MaxAttempts failures it is parked, the module's other events keep flowing, an admin
/// sees it (endpoint and /metrics) and retries it once the cause is fixed; it is then applied once.
/// </summary>
public sealed class PoisonEventTests : IAsyncLifetime
{
    private readonly PoisonApp _app = new();

    public Task InitializeAsync()
    {
        _app.Settings["Outbox:MaxAttempts"] = "3";
        _app.Settings["Outbox:ParkedCountInterval"] = "00:00:00.200";
        return _app.InitializeAsync();
    }

    public Task DisposeAsync() => _app.DisposeAndDeleteStoreAsync();

    [Fact]
    public async Task A_poison_event_is_parked_after_its_attempts_without_blocking_others_shown_to_admins_and_retried()
    {
        var poisoned = $"poison-{Guid.NewGuid():N}@tests.marketplace.id";
        PoisonedHandler.PoisonedEmail = poisoned;
        var registered = await _app.Anonymous().PostAsync("/api/v1/auth/register", new { email = poisoned, password = "Rahasia-123-Pasar", displayName = "Racun", role = "shopper" });
        await registered.ShouldHaveStatusAsync(201);
        var poisonedId = Guid.Parse((await registered.JsonAsync())["user"]!["id"]!.GetValue<string>());

        // Others register after it, in the same module's outbox, and are delivered while it fails.
        var others = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            others.Add((await _app.SignUpAsync("shopper")).UserId);
        }

        await Eventually.HoldsAsync(() => Task.FromResult(others.All(PoisonedHandler.Applied.ContainsKey)), TimeSpan.FromSeconds(20),
            "the events behind the poison one are delivered");

        var admin = await _app.AdminAsync();
        var parkedEventId = Guid.Empty;
        await Eventually.HoldsAsync(async () =>
        {
            var parked = (await admin.GetJsonAsync("/api/v1/admin/outbox/parked")).AsArray();
            var entry = parked.FirstOrDefault(p => p!["type"]!.GetValue<string>().Contains("UserRegistered", StringComparison.Ordinal)
                                                   && p["lastError"]!.GetValue<string>().Contains("poison", StringComparison.Ordinal));
            if (entry is null)
            {
                return false;
            }

            Assert.Equal("identity", entry["module"]!.GetValue<string>());
            Assert.Equal(3, entry["attempts"]!.GetValue<int>());
            parkedEventId = Guid.Parse(entry["eventId"]!.GetValue<string>());
            return true;
        }, TimeSpan.FromSeconds(30), "the poison event is parked after three attempts");

        await Eventually.HoldsAsync(async () => MetricLine(await (await admin.GetAsync("/metrics")).Content.ReadAsStringAsync()) == "1",
            TimeSpan.FromSeconds(15), "the parked gauge shows it");
        await (await _app.Anonymous().GetAsync("/api/v1/admin/outbox/parked")).ShouldHaveStatusAsync(401);
        await (await (await _app.SignUpAsync("merchant")).GetAsync("/api/v1/admin/outbox/parked")).ShouldHaveStatusAsync(403);

        // The cause is fixed; the admin sends it round again and it is applied, once.
        PoisonedHandler.PoisonedEmail = "";
        await (await admin.PostAsync($"/api/v1/admin/outbox/parked/{parkedEventId}/retry")).ShouldHaveStatusAsync(204);
        await (await admin.PostAsync($"/api/v1/admin/outbox/parked/{Guid.NewGuid()}/retry")).ShouldBeProblemAsync(404, code: "outbox.parked_event_not_found");
        await Eventually.HoldsAsync(async () =>
        {
            await _app.DrainOutboxAsync();
            return PoisonedHandler.Applied.TryGetValue(poisonedId, out var times) && times == 1;
        }, TimeSpan.FromSeconds(20), "the retried event is applied");
        Assert.Empty((await admin.GetJsonAsync("/api/v1/admin/outbox/parked")).AsArray());
        await Eventually.HoldsAsync(async () => MetricLine(await (await admin.GetAsync("/metrics")).Content.ReadAsStringAsync()) == "0",
            TimeSpan.FromSeconds(15), "the parked gauge is back to zero");
    }

    private static string? MetricLine(string metrics) =>
        metrics.Split('\n').FirstOrDefault(l => l.StartsWith("marketplace_outbox_parked", StringComparison.Ordinal) && l.Contains("module=\"identity\"", StringComparison.Ordinal))
            ?.Split(' ').LastOrDefault()?.Trim();
}
