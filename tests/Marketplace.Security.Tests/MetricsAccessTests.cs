namespace Marketplace.Security.Tests;

/// <summary>Rule: /metrics is not public; health stays public.</summary>
[Collection(AppCollection.Name)]
public sealed class MetricsAccessTests(SecurityApp app)
{
    [Fact]
    public async Task Metrics_answer_only_an_administrator_while_health_stays_public()
    {
        await (await app.Anonymous().GetAsync("/metrics")).ShouldHaveStatusAsync(401);
        var merchant = await app.SignUpAsync("merchant");
        await (await merchant.GetAsync("/metrics")).ShouldHaveStatusAsync(403);
        var admin = await app.AdminAsync();
        var scrape = await admin.GetAsync("/metrics");
        await scrape.ShouldHaveStatusAsync(200);
        Assert.Contains("# TYPE", await scrape.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await (await app.Anonymous().GetAsync("/health/live")).ShouldHaveStatusAsync(200);
        await (await app.Anonymous().GetAsync("/health/ready")).ShouldHaveStatusAsync(200);
    }

    [Fact]
    public async Task With_a_management_port_metrics_are_not_served_on_the_public_port_even_to_an_admin_or_a_forged_host()
    {
        var separate = new SecurityApp();
        separate.Settings["Metrics:Port"] = "9464";
        try
        {
            await separate.InitializeAsync();
            var admin = await separate.AdminAsync();
            await (await admin.GetAsync("/metrics")).ShouldHaveStatusAsync(404);
            var forged = new HttpRequestMessage(HttpMethod.Get, "/metrics");
            forged.Headers.Host = "localhost:9464";
            await (await separate.Anonymous().Http.SendAsync(forged)).ShouldHaveStatusAsync(404);
        }
        finally
        {
            await separate.DisposeAndDeleteStoreAsync();
        }
    }
}
