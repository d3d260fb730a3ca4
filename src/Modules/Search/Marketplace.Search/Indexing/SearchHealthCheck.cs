using Marketplace.Search.Engines;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Marketplace.Search.Indexing;

/// <summary>Readiness: the search engine answers within the query timeout. Degraded, not unhealthy: the rest of the
/// site works without search, so an instance is not taken out of rotation for it.</summary>
internal sealed class SearchHealthCheck(ISearchEngine engine, IOptions<SearchOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var health = await engine.CheckHealthAsync(cancellationToken).WaitAsync(options.Value.QueryTimeout, cancellationToken);
            return health.Healthy
                ? HealthCheckResult.Healthy(health.Description)
                : HealthCheckResult.Degraded(health.Description);
        }
        catch (TimeoutException)
        {
            return HealthCheckResult.Degraded($"Search engine {engine.Name} did not answer within {options.Value.QueryTimeout.TotalSeconds:0.#} s.");
        }
    }
}
