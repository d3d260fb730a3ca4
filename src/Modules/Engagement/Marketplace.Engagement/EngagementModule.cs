using FluentValidation;
using Marketplace.BuildingBlocks.Modules;
using Marketplace.BuildingBlocks.Outbox;
using Marketplace.BuildingBlocks.Persistence;
using Marketplace.Catalog.Contracts;
using Marketplace.Engagement.Contracts;
using Marketplace.Engagement.Follows;
using Marketplace.Engagement.Notifications;
using Marketplace.Engagement.Persistence;
using Marketplace.Engagement.Ratings;
using Marketplace.Engagement.Reviews;
using Marketplace.Engagement.Wishlists;
using Marketplace.Exhibitions.Contracts;
using Marketplace.Media.Contracts;
using Marketplace.SharedKernel.Events;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Marketplace.Engagement;

/// <summary>Reviews and ratings, wishlists, following shops and exhibitions, in-app notifications. The one entry point.</summary>
public static class EngagementModule
{
    /// <summary>
    /// The key of the module's <see cref="TimeProvider"/> (keyed service): the host's clock unless a test swaps it, so
    /// the edit window, "delivered N days after shipping" and the exhibition timetable can be driven without moving the
    /// clock of the whole app.
    /// </summary>
    public const string ClockKey = "engagement.clock";

    public static System.Reflection.Assembly Assembly => typeof(EngagementModule).Assembly;

    public static IServiceCollection AddEngagementModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<EngagementDbContext>((sp, options) => options
            .UseMarketplaceStore(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value, EngagementDbContext.Module)
            .UseOutboxSignal<EngagementDbContext>(sp));
        services.AddOutbox<EngagementDbContext>(typeof(RatingChanged).Assembly);
        services.AddSingleton<IModuleDatabase>(new ModuleDatabase<EngagementDbContext>(EngagementDbContext.Module));
        services.TryAddKeyedSingleton<TimeProvider>(ClockKey, (sp, _) => sp.GetRequiredService<TimeProvider>());

        services.AddOptions<ReviewOptions>().Bind(configuration.GetSection("Engagement:Reviews"))
            .Validate(o => o.ReviewableAfterShipping >= TimeSpan.Zero && o.EditWindow > TimeSpan.Zero && o.PostsPerAddressPerHour > 0 && o.PostsPerAccountPerHour > 0,
                "Engagement:Reviews: ReviewableAfterShipping must not be negative; EditWindow, PostsPerAddressPerHour and PostsPerAccountPerHour must be positive.")
            .ValidateOnStart();
        services.AddOptions<NotificationOptions>().Bind(configuration.GetSection("Engagement:Notifications"))
            .Validate(o => o.ScheduleScanInterval > TimeSpan.Zero && o.MaxLookback >= o.ScheduleScanInterval,
                "Engagement:Notifications:ScheduleScanInterval must be positive and MaxLookback at least as long.")
            .ValidateOnStart();

        services.AddScoped<RatingRecount>();
        services.AddScoped<ReviewPhotos>();
        services.AddScoped<IReviewAuthors, ReviewAuthors>();
        services.AddScoped<IIntegrationEventHandler<MediaChanged>, ReviewPhotosChanged>();
        services.AddSingleton<ReviewPostingLimiter>();
        services.AddScoped<Notifier>();
        services.AddScoped<ScheduleScan>();
        services.AddHostedService<ScheduleWatcher>();
        services.AddScoped<NotificationHandlers>();
        services.AddScoped<IIntegrationEventHandler<ProductPublished>>(sp => sp.GetRequiredService<NotificationHandlers>());
        services.AddScoped<IIntegrationEventHandler<BoothOpened>>(sp => sp.GetRequiredService<NotificationHandlers>());
        services.AddScoped<IIntegrationEventHandler<NotificationRequested>>(sp => sp.GetRequiredService<NotificationHandlers>());
        services.AddScoped<IIntegrationEventHandler<FollowersNotificationRequested>>(sp => sp.GetRequiredService<NotificationHandlers>());
        services.AddValidatorsFromAssembly(Assembly, ServiceLifetime.Singleton, includeInternalTypes: true);
        return services;
    }

    public static IEndpointRouteBuilder MapEngagementEndpoints(this IEndpointRouteBuilder api)
    {
        ReviewEndpoints.Map(api);
        WishlistEndpoints.Map(api);
        FollowEndpoints.Map(api);
        NotificationEndpoints.Map(api);
        return api;
    }
}
