using FluentValidation;
using Marketplace.Exhibitions.Booths;
using Marketplace.Exhibitions.Contracts;
using Marketplace.Exhibitions.Exhibitions;
using Marketplace.Exhibitions.Persistence;
using Marketplace.SharedKernel.Modules;
using Marketplace.SharedKernel.Outbox;
using Marketplace.SharedKernel.Persistence;
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
        services.AddDbContext<ExhibitionsDbContext>((sp, options) => options
            .UseMarketplaceStore(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value, ExhibitionsDbContext.Module)
            .AddInterceptors(sp.GetRequiredService<OutboxSaveChangesInterceptor<ExhibitionsDbContext>>()));
        services.AddOutbox<ExhibitionsDbContext>(typeof(BoothOpened).Assembly);
        services.AddSingleton<IModuleDatabase>(new ModuleDatabase<ExhibitionsDbContext>(ExhibitionsDbContext.Module));
        services.TryAddKeyedSingleton<TimeProvider>(ClockKey, (sp, _) => sp.GetRequiredService<TimeProvider>());
        services.AddScoped<BoothPages>();
        services.AddScoped<IExhibitorDirectory, ExhibitorDirectory>();
        services.AddValidatorsFromAssembly(Assembly, includeInternalTypes: true);
        return services;
    }

    public static IEndpointRouteBuilder MapExhibitionsEndpoints(this IEndpointRouteBuilder api)
    {
        ExhibitionEndpoints.Map(api);
        BoothEndpoints.Map(api);
        return api;
    }
}
