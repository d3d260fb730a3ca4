using System.Net.Http.Json;
using Marketplace.Testing.Servers;

namespace Marketplace.Faults.Tests;

/// <summary>Arranging a process-hosted API and its data through the API.</summary>
internal static class Faults
{
    public static async Task<ApiProcess> StartAsync(StoreProvider provider, Action<ApiProcess>? configure = null)
    {
        var api = new ApiProcess();
        if (provider == StoreProvider.Postgres)
        {
            api.Settings["Database:Provider"] = "Postgres";
            api.Settings["ConnectionStrings:Marketplace"] = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync();
        }

        configure?.Invoke(api);
        try
        {
            await api.StartAsync();
        }
        catch
        {
            await api.DisposeAsync();
            throw;
        }

        return api;
    }

    public static async Task<List<Guid>> ProductsAsync(ApiClient merchant, int count, int stock)
    {
        var shop = await (await merchant.PostAsync("/api/v1/shops", new
        {
            name = $"Toko Tahan Banting {Guid.NewGuid():N}"[..32],
            cityCode = "16.71",
            subsectors = new[] { "kuliner" },
        })).JsonAsync();
        var products = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var created = await merchant.PostAsync($"/api/v1/shops/{shop["id"]}/products", new
            {
                name = $"Pempek Tahan Banting {i}",
                price = new { amount = 2_500_000, currency = "IDR" },
                subsector = "kuliner",
                stock,
            });
            await created.ShouldHaveStatusAsync(201);
            var id = Guid.Parse((await created.JsonAsync())["id"]!.GetValue<string>());
            await (await merchant.PostAsync($"/api/v1/products/{id}/publish")).ShouldHaveStatusAsync(200);
            products.Add(id);
        }

        return products;
    }

    public static Task<HttpResponseMessage> CheckoutAsync(ApiClient shopper, string paymentMethod = "manual")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/checkout")
        {
            Content = JsonContent.Create(new
            {
                shippingAddress = new { recipient = "Sari", phone = "+6281234567890", line1 = "Jl. Merdeka 1", cityCode = "16.71", postalCode = "30111" },
                paymentMethod,
            }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        return shopper.Http.SendAsync(request);
    }
}
