using Marketplace.Search.Engines;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Marketplace.Search.Indexing;

/// <summary>Creates the index (mapping) at start-up. An engine that is down does not stop the service: search answers
/// 503 and the readiness check says so until it returns, and the engine creates its index on first use.</summary>
internal sealed partial class SearchIndexStartup(ISearchEngine engine, ILogger<SearchIndexStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await engine.EnsureIndexAsync(cancellationToken);
        }
        catch (SearchEngineUnavailableException ex)
        {
            LogEngineDown(logger, engine.Name, ex);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Search engine {Engine} is not available at start-up; search answers 503 until it is")]
    private static partial void LogEngineDown(ILogger logger, string engine, Exception ex);
}
