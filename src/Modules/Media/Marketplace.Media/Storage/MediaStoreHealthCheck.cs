using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Marketplace.Media.Storage;

/// <summary>
/// Readiness of the media store. Pages still render without it (the API only lists URLs), so an unreachable bucket is
/// <c>degraded</c>, not unhealthy: uploads and variant downloads fail until it is back.
/// </summary>
internal sealed class MediaStoreHealthCheck(IOptions<MediaOptions> options, IServiceProvider services) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (options.Value.Store != MediaStoreKind.S3)
        {
            return HealthCheckResult.Healthy("Local disk.");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        return await services.GetRequiredService<S3MediaStore>().CanReachAsync(timeout.Token)
            ? HealthCheckResult.Healthy("S3 bucket answers.")
            : HealthCheckResult.Degraded("The S3 bucket does not answer: uploads and image downloads fail until it does.");
    }
}
