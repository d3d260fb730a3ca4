using System.Collections.Concurrent;
using Marketplace.Cart.Contracts;
using Marketplace.Orders.Contracts;
using Marketplace.SharedKernel.Events;
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
            Events.Register(services);
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

/// <summary>The system clock plus an offset a test can move (and must put back: tokens are issued with this clock).</summary>
public sealed class FakeClock : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public void Reset() => Interlocked.Exchange(ref _offsetTicks, 0);
}

public sealed class EventRecorder
{
    private readonly ConcurrentQueue<IntegrationEvent> _events = new();

    public IReadOnlyList<T> Of<T>() => _events.OfType<T>().ToList();

    public void Register(IServiceCollection services)
    {
        services.AddSingleton<IIntegrationEventHandler<CartItemAdded>>(new Handler<CartItemAdded>(this));
        services.AddSingleton<IIntegrationEventHandler<OrderLinePaid>>(new Handler<OrderLinePaid>(this));
        services.AddSingleton<IIntegrationEventHandler<OrderPaid>>(new Handler<OrderPaid>(this));
        services.AddSingleton<IIntegrationEventHandler<OrderCancelled>>(new Handler<OrderCancelled>(this));
    }

    private sealed class Handler<T>(EventRecorder recorder) : IIntegrationEventHandler<T>
        where T : IntegrationEvent
    {
        public Task HandleAsync(T integrationEvent, CancellationToken cancellationToken)
        {
            recorder._events.Enqueue(integrationEvent);
            return Task.CompletedTask;
        }
    }
}
