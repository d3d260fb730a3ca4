using Marketplace.Cart.Contracts;
using Marketplace.Orders.Contracts;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Commerce.Tests;

[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<CommerceApp>
{
    public const string Name = "commerce-app";
}

[CollectionDefinition(Name)]
public sealed class PostgresAppCollection : ICollectionFixture<CommerceAppOnPostgres>
{
    public const string Name = "commerce-app-postgres";
}

public sealed class CommerceAppOnPostgres : CommerceApp
{
    public CommerceAppOnPostgres() => Provider = StoreProvider.Postgres;
}

/// <summary>The app with a clock tests can move forward, and a recorder of the Cart's and Orders' integration events.</summary>
public class CommerceApp : MarketplaceApp
{
    public CommerceApp()
    {
        Settings["Payments:Stripe:SecretKey"] = StripeDouble.SecretKey;
        Settings["Payments:Stripe:WebhookSecret"] = StripeDouble.WebhookSecret;
        Settings["Payments:Stripe:ApiBase"] = Stripe.Url;
    }

    public StripeDouble Stripe { get; } = new();

    public FakeClock Clock { get; } = new();

    public EventRecorder Events { get; } = new();

    protected override void ConfigureTestServices(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder) =>
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            Events.Register(services, typeof(CartItemAdded), typeof(OrderLinePaid), typeof(OrderPaid), typeof(OrderCancelled));
        });

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Stripe.Dispose();
        }

        base.Dispose(disposing);
    }
}
