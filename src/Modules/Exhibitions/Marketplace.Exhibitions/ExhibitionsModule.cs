using FluentValidation;
using Marketplace.BuildingBlocks.Caching;
using Marketplace.BuildingBlocks.Http;
using Marketplace.BuildingBlocks.Modules;
using Marketplace.BuildingBlocks.Outbox;
using Marketplace.BuildingBlocks.Persistence;
using Marketplace.Cart.Contracts;
using Marketplace.Exhibitions.Analytics;
using Marketplace.Exhibitions.Booths;
using Marketplace.Exhibitions.Contracts;
using Marketplace.Exhibitions.Exhibitions;
using Marketplace.Exhibitions.Leads;
using Marketplace.Exhibitions.Persistence;
using Marketplace.Exhibitions.Seeding;
using Marketplace.BuildingBlocks.RateLimiting;
using Marketplace.Exhibitions.Visits;
using Marketplace.Orders.Contracts;
using Marketplace.SharedKernel.Events;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Marketplace.Exhibitions;

/// <summary>Virtual exhibitions: exhibitions, booth applications, booths, visits, leads, analytics. The one entry point.</summary>
public static class ExhibitionsModule
{
    /// <summary>
    /// The key of the module's <see cref="TimeProvider"/> (keyed service). It is the host's clock unless a test swaps
    /// it, so exhibition status (upcoming → live → ended) can be driven without moving the clock of the whole app.
    /// </summary>
    public const string ClockKey = "exhibitions.clock";

    public static System.Reflection.Assembly Assembly => typeof(ExhibitionsModule).Assembly;

    public static IServiceCollection AddExhibitionsModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<ExhibitionsDbContext>((sp, options) => options
            .UseMarketplaceStore(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value, ExhibitionsDbContext.Module, sp.GetRequiredKeyedService<TimeProvider>(ClockKey))
            .UseOutboxSignal<ExhibitionsDbContext>(sp)
            .AddInterceptors(sp.GetRequiredService<StoreWritesCommandInterceptor>()));
        services.AddSingleton<StoreWrites>();
        services.AddSingleton<StoreWritesCommandInterceptor>();
        services.AddSingleton<AnalyticsAnswers>();
        services.AddHostedService<AnalyticsWarmUp>();
        services.AddOptions<AnalyticsOptions>().Bind(configuration.GetSection("Exhibitions:Analytics"))
            .Validate(o => o.MaxAge is null || o.MaxAge >= TimeSpan.Zero, "Exhibitions:Analytics:MaxAge must not be negative.").ValidateOnStart();
        services.AddOutbox<ExhibitionsDbContext>(typeof(BoothOpened).Assembly);
        services.AddSingleton<IModuleDatabase>(new ModuleDatabase<ExhibitionsDbContext>(ExhibitionsDbContext.Module));
        services.TryAddKeyedSingleton<TimeProvider>(ClockKey, (sp, _) => sp.GetRequiredService<TimeProvider>());
        services.AddOptions<VisitOptions>().Bind(configuration.GetSection("Exhibitions:Visits"))
            .Validate(o => o.DedupWindow > TimeSpan.Zero && o.PerVisitorPerMinute > 0 && o.SnapshotInterval > TimeSpan.Zero && o.MaxQueued > 0,
                "Exhibitions:Visits:DedupWindow, PerVisitorPerMinute, SnapshotInterval and MaxQueued must be positive.")
            .ValidateOnStart();
        services.AddPostingRateLimit(configuration);
        services.AddSingleton<VisitHistory>();
        services.AddSingleton<VisitTargets>();
        services.AddSingleton<VisitMetrics>();
        services.AddSingleton<CounterSnapshots>();
        // Registered before the writer, so it stops after it: the last snapshot sees every queued visit written.
        services.AddHostedService<CounterSnapshotKeeper>();
        services.AddSingleton<VisitWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<VisitWriter>());
        services.AddSingleton<InProcessVisitCounters>();
        services.AddSingleton<RedisVisitCounters>();
        // Chosen when first resolved (not here), so configuration a host or a test adds later still counts.
        services.AddSingleton<IVisitCounters>(sp => sp.GetRequiredService<RedisConnection>().IsConfigured
            ? sp.GetRequiredService<RedisVisitCounters>()
            : sp.GetRequiredService<InProcessVisitCounters>());
        services.AddScoped<AttributionHandlers>();
        services.AddScoped<IIntegrationEventHandler<CartItemAdded>>(sp => sp.GetRequiredService<AttributionHandlers>());
        services.AddScoped<IIntegrationEventHandler<OrderLinePaid>>(sp => sp.GetRequiredService<AttributionHandlers>());
        services.AddScoped<IIntegrationEventHandler<OrderCancelled>>(sp => sp.GetRequiredService<AttributionHandlers>());
        services.AddSingleton<IDataSeeder, ExhibitionsSeeder>();
        services.AddSingleton<ICommandLineVerb, SyntheticExhibitionVerb>();
        services.AddScoped<BoothPages>();
        services.AddScoped<IExhibitorDirectory, ExhibitorDirectory>();
        services.AddScoped<IBoothLeads, Leads.BoothLeads>();
        services.AddScoped<IExhibitionSchedule, ExhibitionSchedule>();
        services.AddValidatorsFromAssembly(Assembly, ServiceLifetime.Singleton, includeInternalTypes: true);
        return services;
    }

    public static IEndpointRouteBuilder MapExhibitionsEndpoints(this IEndpointRouteBuilder api)
    {
        ExhibitionEndpoints.Map(api);
        BoothEndpoints.Map(api);
        api.MapPost("/booths/{id:guid}/visits", RecordVisit.Handle).WithTags("Booths")
            .WithName("Booths_RecordVisit").AllowAnonymous()
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409).ProducesProblem(429)
            .WithSummary("Record a visit to a booth (signed in, or anonymous with a visitorId).")
            .WithDescription("Counted once per visitor per booth per 30 minutes, while the exhibition is live (409 otherwise); " +
                             "rate-limited per visitor (429). Feeds the booth's and the exhibition's analytics.");
        LeadEndpoints.Map(api);
        AnalyticsEndpoints.Map(api);
        return api;
    }
}
