using OpenTelemetry.Metrics;

namespace Marketplace.Api.Hosting;

/// <summary>
/// <c>GET /metrics</c> in the Prometheus text format: ASP.NET Core's request metrics (rate, duration, status per
/// route), Kestrel connections, .NET runtime (GC, thread pool), and every meter a module declares under
/// <see cref="ModuleMeterPrefix"/> (e.g. <c>Marketplace.Checkout</c>).
/// </summary>
internal static class Metrics
{
    public const string ModuleMeterPrefix = "Marketplace.";

    public static IServiceCollection AddMarketplaceMetrics(this IServiceCollection services)
    {
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            .AddMeter("Microsoft.AspNetCore.Server.Kestrel", "System.Net.Http", ModuleMeterPrefix + "*")
            .AddPrometheusExporter());
        return services;
    }

    public static void MapMarketplaceMetrics(this IEndpointRouteBuilder app) =>
        app.MapPrometheusScrapingEndpoint("/metrics").WithTags("Operations").ExcludeFromDescription();
}
