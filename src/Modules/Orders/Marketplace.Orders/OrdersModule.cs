using FluentValidation;
using Marketplace.BuildingBlocks.Modules;
using Marketplace.BuildingBlocks.Outbox;
using Marketplace.BuildingBlocks.Persistence;
using Marketplace.Catalog.Contracts;
using Marketplace.Orders.Checkout;
using Marketplace.Orders.Contracts;
using Marketplace.Orders.Domain;
using Marketplace.Orders.Fulfilment;
using Marketplace.Orders.Payments;
using Marketplace.Orders.Persistence;
using Marketplace.Orders.Reading;
using Marketplace.SharedKernel.Events;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Marketplace.Orders;

/// <summary>Checkout, orders, payments and fulfilment. The one entry point the host calls.</summary>
public static class OrdersModule
{
    public static System.Reflection.Assembly Assembly => typeof(OrdersModule).Assembly;

    public static IServiceCollection AddOrdersModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<OrdersDbContext>((sp, options) => options
            .UseMarketplaceStore(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value, OrdersDbContext.Module)
            .UseOutboxSignal<OrdersDbContext>(sp));
        services.AddOutbox<OrdersDbContext>(typeof(OrderPaid).Assembly);
        services.AddSingleton<IModuleDatabase>(new ModuleDatabase<OrdersDbContext>(OrdersDbContext.Module));
        services.AddOptions<OrdersOptions>().Bind(configuration.GetSection("Orders"));

        services.AddScoped<PlaceOrders>();
        services.AddScoped<CheckoutPricing>();
        services.AddSharedStoreTransaction();
        services.AddIdempotentRequests();
        services.AddHostedService<OrphanedReservations>();
        services.AddScoped<OrderLifecycle>();
        services.AddScoped<IPurchases, Purchases>();
        services.AddScoped<IOrderDirectory, OrderDirectory>();
        services.AddOptions<StripeOptions>().Bind(configuration.GetSection("Payments:Stripe"));
        services.AddSingleton<StripeGateway>();
        services.AddScoped<IPaymentGateway, PaymentGateway>();
        services.AddScoped<StripePaymentEvents>();
        services.AddScoped<IIntegrationEventHandler<StockReservationExpired>, CancelOrderWhenReservationExpires>();
        services.AddScoped<IIntegrationEventHandler<OrderCancelled>, ReleaseStockWhenOrderCancelled>();
        services.AddScoped<IIntegrationEventHandler<OrderCancelled>, ReleaseVoucherWhenCheckoutCancelled>();
        services.AddValidatorsFromAssembly(Assembly, ServiceLifetime.Singleton, includeInternalTypes: true);
        return services;
    }

    public static IEndpointRouteBuilder MapOrdersEndpoints(this IEndpointRouteBuilder api)
    {
        OrdersEndpoints.Map(api);
        return api;
    }
}
