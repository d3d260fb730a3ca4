using FluentValidation;
using Marketplace.BuildingBlocks.Modules;
using Marketplace.BuildingBlocks.Outbox;
using Marketplace.BuildingBlocks.Persistence;
using Marketplace.Cart.Carts;
using Marketplace.Cart.Contracts;
using Marketplace.Cart.Persistence;
using Marketplace.Cart.Vouchers;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Marketplace.Cart;

/// <summary>Carts (guest and signed-in) and vouchers. The one entry point the host calls.</summary>
public static class CartModule
{
    public static System.Reflection.Assembly Assembly => typeof(CartModule).Assembly;

    public static IServiceCollection AddCartModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<CartDbContext>((sp, options) => options
            .UseMarketplaceStore(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value, CartDbContext.Module, sp.GetRequiredService<TimeProvider>())
            .UseOutboxSignal<CartDbContext>(sp));
        services.AddOutbox<CartDbContext>(typeof(CartItemAdded).Assembly);
        services.AddSingleton<IModuleDatabase>(new ModuleDatabase<CartDbContext>(CartDbContext.Module));
        services.AddOptions<CartOptions>().Bind(configuration.GetSection("Cart"));

        services.AddSharedStoreTransaction();
        services.AddScoped<ICartCheckout, CartCheckout>();
        services.AddScoped<IVoucherDirectory, VoucherDirectory>();
        services.AddScoped<IVoucherRedemptions, VoucherRedemptions>();
        services.AddHostedService<GuestCartCleanupService>();
        services.AddValidatorsFromAssembly(Assembly, ServiceLifetime.Singleton, includeInternalTypes: true);
        return services;
    }

    public static IEndpointRouteBuilder MapCartEndpoints(this IEndpointRouteBuilder api)
    {
        CartEndpoints.Map(api);
        VoucherEndpoints.Map(api);
        return api;
    }
}
