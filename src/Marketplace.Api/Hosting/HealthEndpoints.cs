using System.Text.Json;
using Marketplace.BuildingBlocks.Caching;
using Marketplace.BuildingBlocks.Modules;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Marketplace.Api.Hosting;

/// <summary>Every module's store answers a connection check.</summary>
internal sealed class StoreHealthCheck(IServiceProvider services, IEnumerable<IModuleDatabase> databases) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var down = new List<string>();
        foreach (var database in databases)
        {
            try
            {
                if (!await database.CanConnectAsync(services, cancellationToken))
                {
                    down.Add(database.Module);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                down.Add(database.Module);
            }
        }

        return down.Count == 0
            ? HealthCheckResult.Healthy("All module stores answer.")
            : HealthCheckResult.Unhealthy("No answer from the store of: " + string.Join(", ", down));
    }
}

internal static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    public static IServiceCollection AddMarketplaceHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<StoreHealthCheck>("store", tags: [ReadyTag])
            .AddCheck<CacheHealthCheck>("cache", tags: [ReadyTag]);
        return services;
    }

    public static void MapMarketplaceHealth(this IEndpointRouteBuilder app)
    {
        // Liveness runs no checks: it says the process serves requests, and is the baseline for benchmark ratios.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync })
            .WithTags("Operations").ExcludeFromDescription();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync })
            .WithTags("Operations").ExcludeFromDescription();
    }

    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString().ToLowerInvariant(),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString().ToLowerInvariant(), description = e.Value.Description }),
        };
        return http.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
    }
}
