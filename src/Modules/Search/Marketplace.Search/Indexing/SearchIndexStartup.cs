using Marketplace.Search.Engines;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Marketplace.Search.Indexing;

/// <summary>
/// At start-up (after the stores are migrated): creates the index if needed and, when the engine says it cannot be
/// trusted to hold every product (new and empty, or writes lost in a crash), rebuilds it from the store in the
/// background — aside, then swapped in, so search answers from the current index meanwhile. An engine that is down
/// does not stop the service: search answers 503 and readiness says so until it returns.
/// </summary>
internal sealed partial class SearchIndexStartup(ISearchEngine engine, IServiceScopeFactory scopes, ILogger<SearchIndexStartup> logger) : IHostedService
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _rebuild = Task.CompletedTask;

    /// <summary>The start-up rebuild, if one runs (tests wait for it).</summary>
    public Task Rebuild => _rebuild;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await engine.EnsureIndexAsync(cancellationToken);
            if (await engine.NeedsRebuildAsync(cancellationToken))
            {
                _rebuild = Task.Run(() => RebuildAsync(_stopping.Token), CancellationToken.None);
            }
        }
        catch (SearchEngineUnavailableException ex)
        {
            LogEngineDown(logger, engine.Name, ex);
        }
    }

    private async Task RebuildAsync(CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<IndexRebuilder>().RebuildAsync(null, ct);
            LogRebuilt(logger, result.Indexed, result.Elapsed.TotalSeconds);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            LogRebuildFailed(logger, ex);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _rebuild.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Search engine {Engine} is not available at start-up; search answers 503 until it is")]
    private static partial void LogEngineDown(ILogger logger, string engine, Exception ex);

    [LoggerMessage(Level = LogLevel.Information, Message = "Search index rebuilt from the store at start-up: {Count} products in {Seconds:0.0} s")]
    private static partial void LogRebuilt(ILogger logger, long count, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Search index rebuild at start-up failed; run the 'reindex' verb")]
    private static partial void LogRebuildFailed(ILogger logger, Exception ex);
}
