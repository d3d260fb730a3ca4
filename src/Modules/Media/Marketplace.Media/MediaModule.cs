using Marketplace.Catalog.Contracts;
using Marketplace.Media.Cleanup;
using Marketplace.Media.Contracts;
using Marketplace.Media.Images;
using Marketplace.Media.Persistence;
using Marketplace.Media.Processing;
using Marketplace.Media.Seeding;
using Marketplace.Media.Serving;
using Marketplace.Media.Storage;
using Marketplace.Media.Uploads;
using Marketplace.SharedKernel.Events;
using Marketplace.BuildingBlocks.Modules;
using Marketplace.BuildingBlocks.Outbox;
using Marketplace.BuildingBlocks.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Marketplace.Media;

/// <summary>Uploads, processing, storage and serving of images. The one entry point the host calls.</summary>
public static class MediaModule
{
    public static System.Reflection.Assembly Assembly => typeof(MediaModule).Assembly;

    public static IServiceCollection AddMediaModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<MediaDbContext>((sp, options) => options
            .UseMarketplaceStore(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value, MediaDbContext.Module)
            .UseOutboxSignal<MediaDbContext>(sp));
        services.AddOutbox<MediaDbContext>(typeof(MediaChanged).Assembly);
        services.AddSingleton<IModuleDatabase>(new ModuleDatabase<MediaDbContext>(MediaDbContext.Module));

        services.AddOptions<MediaOptions>().Bind(configuration.GetSection("Media"))
            .Validate(o => o.MaxUploadBytes > 0 && o.MaxPixels > 0 && o.MaxSide > 0 && o.MaxConcurrentDecodes > 0 && o.MaxProcessingAttempts > 0,
                "Media:MaxUploadBytes, MaxPixels, MaxSide, MaxConcurrentDecodes and MaxProcessingAttempts must be positive.")
            .Validate(o => o.OrphanGracePeriod >= TimeSpan.Zero && o.SweepInterval > TimeSpan.Zero && o.ProcessingLease > TimeSpan.Zero,
                "Media:OrphanGracePeriod must not be negative; Media:SweepInterval and Media:ProcessingLease must be positive.")
            .Validate(o => o.Store != MediaStoreKind.S3 || (Uri.TryCreate(o.S3.ServiceUrl, UriKind.Absolute, out _) && o.S3.Bucket.Length > 0
                    && o.S3.AccessKey.Length > 0 && o.S3.SecretKey.Length > 0),
                "Media:Store=S3 needs Media:S3:ServiceUrl (an absolute URL), Media:S3:Bucket, Media:S3:AccessKey and Media:S3:SecretKey.")
            .Validate(o => o.S3.Timeout > TimeSpan.Zero && o.S3.RetryAfterSeconds > 0,
                "Media:S3:Timeout and Media:S3:RetryAfterSeconds must be positive.")
            .Validate(o => o.S3.UrlMode != MediaUrlMode.Public || Uri.TryCreate(o.S3.PublicBaseUrl, UriKind.Absolute, out _),
                "Media:S3:UrlMode=Public needs Media:S3:PublicBaseUrl (an absolute URL).")
            .Validate(o => o.Store == MediaStoreKind.S3 || o.S3.UrlMode == MediaUrlMode.Api,
                "Media:S3:UrlMode Public or Signed needs Media:Store=S3.")
            .ValidateOnStart();

        services.AddSingleton<LocalMediaStore>();
        services.AddSingleton<S3MediaStore>();
        // Chosen when first resolved, so configuration a host or a test adds later still counts.
        services.AddSingleton<IMediaStore>(sp => sp.GetRequiredService<IOptions<MediaOptions>>().Value.Store == MediaStoreKind.S3
            ? sp.GetRequiredService<S3MediaStore>()
            : sp.GetRequiredService<LocalMediaStore>());
        services.AddSingleton<ImagePipeline>();
        services.AddSingleton<UploadStaging>();
        services.AddSingleton<MediaProcessingSignal>();
        services.AddSingleton<MediaProcessor>();
        services.AddHostedService(sp => sp.GetRequiredService<MediaProcessor>());
        services.AddSingleton<OrphanSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<OrphanSweeper>());
        services.AddSingleton<MediaUrls>();
        services.AddScoped<OwnerAccess>();
        services.AddScoped<UploadServices>();
        services.AddScoped<ManageServices>();
        services.AddScoped<IMediaGallery, MediaGallery>();
        services.AddScoped<IIntegrationEventHandler<ProductDeleted>, OwnerDeletedHandler>();
        services.AddSingleton<IDataSeeder, DemoImageSeeder>();
        services.AddHealthChecks().AddCheck<MediaStoreHealthCheck>("media", tags: ["ready"]);
        return services;
    }

    /// <summary>Upload and management routes under the API group (<c>/api/v1</c>).</summary>
    public static IEndpointRouteBuilder MapMediaEndpoints(this IEndpointRouteBuilder api)
    {
        MediaEndpoints.Map(api);
        return api;
    }

    /// <summary><c>GET /media/{hash}/{variant}</c>, at the root: the URLs in API responses point here.</summary>
    public static IEndpointRouteBuilder MapMediaServing(this IEndpointRouteBuilder app)
    {
        MediaEndpoints.MapServing(app);
        return app;
    }
}
