using Marketplace.SharedKernel.Security;
using OpenTelemetry.Metrics;

namespace Marketplace.Api.Hosting;

/// <summary>
/// <c>GET /metrics</c> in the Prometheus text format: ASP.NET Core's request metrics (rate, duration, status per
/// route), Kestrel connections, .NET runtime (GC, thread pool), and every meter a module declares under
/// <see cref="ModuleMeterPrefix"/> (e.g. <c>Marketplace.Checkout</c>).
/// Who may read it (route names, traffic and error rates help an attacker): with <c>Metrics:Port</c> set, only
/// connections to that port (a management port kept off the public network), checked on the socket, not on the
/// client-supplied Host header; otherwise an administrator's token, or anyone when <c>Metrics:AllowAnonymous</c> is true
/// (Development only, by appsettings.Development.json).
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

    /// <summary>With <c>Metrics:Port</c>, Kestrel listens on it too, beside the service's own URLs.</summary>
    public static void AddManagementPort(this ConfigureWebHostBuilder webHost, IConfiguration configuration)
    {
        var port = configuration.GetValue("Metrics:Port", 0);
        if (port <= 0)
        {
            return;
        }

        var urls = configuration["urls"] is { Length: > 0 } configured ? configured : "http://localhost:5000";
        webHost.UseUrls([.. urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), $"http://*:{port}"]);
    }

    public static void MapMarketplaceMetrics(this WebApplication app)
    {
        var port = app.Configuration.GetValue("Metrics:Port", 0);
        var endpoint = app.MapPrometheusScrapingEndpoint("/metrics").WithTags("Operations").ExcludeFromDescription();
        if (port > 0)
        {
            endpoint.AllowAnonymous();
            // Runs before the endpoint (endpoint execution is the pipeline's implicit last step).
            app.Use(async (http, next) =>
            {
                if (http.Request.Path.StartsWithSegments("/metrics", StringComparison.OrdinalIgnoreCase) && http.Connection.LocalPort != port)
                {
                    http.Response.StatusCode = StatusCodes.Status404NotFound;
                    return;
                }

                await next(http);
            });
        }
        else if (!app.Configuration.GetValue("Metrics:AllowAnonymous", false))
        {
            endpoint.RequireAuthorization(Policies.Admin);
        }
    }
}
