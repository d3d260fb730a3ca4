using FluentValidation;
using Marketplace.Ledger.Commission;
using Marketplace.Ledger.Contracts;
using Marketplace.Ledger.Payouts;
using Marketplace.Ledger.Persistence;
using Marketplace.Ledger.Refunds;
using Marketplace.Ledger.Settlement;
using Marketplace.Orders.Contracts;
using Marketplace.SharedKernel.Events;
using Marketplace.BuildingBlocks.Modules;
using Marketplace.BuildingBlocks.Outbox;
using Marketplace.BuildingBlocks.Persistence;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Marketplace.Ledger;

/// <summary>Money to makers: the double-entry ledger, commissions, balances, refunds and payouts. The one entry point the host calls.</summary>
public static class LedgerModule
{
    public static System.Reflection.Assembly Assembly => typeof(LedgerModule).Assembly;

    public static IServiceCollection AddLedgerModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<LedgerDbContext>((sp, options) => options
            .UseMarketplaceStore(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value, LedgerDbContext.Module)
            .UseOutboxSignal<LedgerDbContext>(sp));
        services.AddOutbox<LedgerDbContext>(typeof(RefundCompleted).Assembly);
        services.AddSingleton<IModuleDatabase>(new ModuleDatabase<LedgerDbContext>(LedgerDbContext.Module));
        services.AddOptions<LedgerOptions>().Bind(configuration.GetSection("Ledger"))
            .Validate(o => o.DefaultCommissionRateBps is >= 0 and <= 10_000, "Ledger:DefaultCommissionRateBps must be 0 to 10000.")
            .Validate(o => o.ReleaseAfterShipped >= TimeSpan.Zero, "Ledger:ReleaseAfterShipped must not be negative.")
            .Validate(o => o.JobInterval > TimeSpan.Zero, "Ledger:JobInterval must be positive.")
            .Validate(o => o.PendingRefundGrace >= TimeSpan.Zero, "Ledger:PendingRefundGrace must not be negative.")
            .Validate(o => o.Payouts.MinimumAmount > 0, "Ledger:Payouts:MinimumAmount must be positive.")
            .Validate(o => o.Payouts.Provider == "manual", "Ledger:Payouts:Provider: only 'manual' is built in.")
            .ValidateOnStart();

        services.AddScoped<Journal.Journal>();
        services.AddScoped<CommissionRates>();
        services.AddScoped<Release>();
        services.AddScoped<RefundOrder>();
        services.AddScoped<PendingRefunds>();
        services.AddScoped<IRefundLedger, RefundLedger>();
        services.AddSingleton<StripeRefunds>();
        services.AddScoped<PayoutRequests>();
        services.AddScoped<PayoutSettlement>();
        services.AddSingleton<IPayoutProvider, ManualPayoutProvider>();
        services.AddScoped<SettlementHandlers>();
        services.AddScoped<IIntegrationEventHandler<OrderPaid>>(sp => sp.GetRequiredService<SettlementHandlers>());
        services.AddScoped<IIntegrationEventHandler<OrderShipped>>(sp => sp.GetRequiredService<SettlementHandlers>());
        services.AddScoped<IIntegrationEventHandler<OrderCompleted>>(sp => sp.GetRequiredService<SettlementHandlers>());
        services.AddScoped<IIntegrationEventHandler<OrderCancelled>>(sp => sp.GetRequiredService<SettlementHandlers>());
        services.AddSingleton<LedgerJobs>();
        services.AddHostedService(sp => sp.GetRequiredService<LedgerJobs>());
        services.AddValidatorsFromAssembly(Assembly, ServiceLifetime.Singleton, includeInternalTypes: true);
        return services;
    }

    public static IEndpointRouteBuilder MapLedgerEndpoints(this IEndpointRouteBuilder api)
    {
        LedgerEndpoints.Map(api);
        return api;
    }
}
