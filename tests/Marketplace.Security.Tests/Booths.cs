using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Marketplace.Security.Tests;

/// <summary>Arranges a live booth through the API (an organiser's exhibition, a merchant's approved application).</summary>
internal static class Booths
{
    private static int _next;

    /// <summary>Signs up from an address of its own (198.18.0.0/15, benchmark space), so no test's limit is touched.</summary>
    public static async Task<ApiClient> SignUpAloneAsync(this SecurityApp app, string role)
    {
        var address = $"198.18.{Interlocked.Increment(ref _next) / 250}.{(_next % 250) + 1}";
        var email = $"{role}-{Guid.NewGuid():N}@tests.marketplace.id";
        const string password = "Rahasia-123-Pasar";
        var client = app.From(address);
        await (await client.PostAsync("/api/v1/auth/register", new { email, password, displayName = "Test " + role, role })).ShouldHaveStatusAsync(201);
        var login = await client.PostAsync("/api/v1/auth/login", new { email, password });
        await login.ShouldHaveStatusAsync(200);
        client.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await login.JsonAsync())["accessToken"]!.GetValue<string>());
        client.Email = email;
        return client;
    }

    public static async Task<string> OpenAsync(SecurityApp app)
    {
        var organiser = await app.SignUpAloneAsync("organiser");
        var now = DateTimeOffset.UtcNow;
        var created = await Created(await organiser.PostAsync("/api/v1/exhibitions", new
        {
            title = $"Expo {Guid.NewGuid():N}"[..30],
            cityCode = "16.71",
            startsAt = Iso(now.AddHours(-1)),
            endsAt = Iso(now.AddDays(10)),
            subsectors = new[] { "kuliner" },
            tiers = new object[] { new { name = "Standard", capacity = 10 } },
            halls = new object[] { new { name = "Hall" } },
        }));
        var exhibition = created["id"]!.GetValue<string>();
        await (await organiser.PostAsync($"/api/v1/exhibitions/{exhibition}/publish")).ShouldHaveStatusAsync(200);

        var merchant = await app.SignUpAloneAsync("merchant");
        var shop = await Created(await merchant.PostAsync("/api/v1/shops", new { name = $"Toko {Guid.NewGuid():N}"[..30], cityCode = "16.71", subsectors = new[] { "kuliner" } }));
        var product = await Created(await merchant.PostAsync($"/api/v1/shops/{shop["id"]}/products", new
        {
            name = "Pempek Kapal Selam",
            price = new { amount = 2_500_000, currency = "IDR" },
            subsector = "kuliner",
            stock = 10,
        }));
        await (await merchant.PostAsync($"/api/v1/products/{product["id"]}/publish")).ShouldHaveStatusAsync(200);
        var application = await Created(await merchant.PostAsync($"/api/v1/exhibitions/{exhibition}/booth-applications", new
        {
            tier = "Standard",
            pitch = "Pempek terenak.",
            productIds = new[] { product["id"]!.GetValue<string>() },
        }));
        var approved = await organiser.PostAsync($"/api/v1/booth-applications/{application["id"]}/approve");
        await approved.ShouldHaveStatusAsync(200);
        return (await approved.JsonAsync())["booth"]!["id"]!.GetValue<string>();
    }

    private static async Task<JsonNode> Created(HttpResponseMessage response)
    {
        await response.ShouldHaveStatusAsync(201);
        return await response.JsonAsync();
    }

    private static string Iso(DateTimeOffset t) => t.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);
}
