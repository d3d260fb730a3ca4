using System.Globalization;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.Search.Engines;
using Marketplace.SharedKernel.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Marketplace.Search.Querying;

/// <summary>
/// Runs an engine call under <see cref="SearchOptions.QueryTimeout"/>. An engine that is down or too slow becomes a
/// 503 ProblemDetails (<c>search.unavailable</c>) with <c>Retry-After</c>; nothing else on the site is affected.
/// </summary>
internal static partial class EngineCall
{
    public static readonly Error Unavailable = new("search.unavailable",
        "Search is temporarily unavailable; please try again shortly.", ErrorKind.Unavailable);

    internal sealed record Outcome<T>(T? Value, ProblemHttpResult? Problem);

    public static async Task<Outcome<T>> RunAsync<T>(ISearchEngine engine, SearchOptions options, HttpContext http, Func<CancellationToken, Task<T>> call, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.QueryTimeout);
        try
        {
            // Task.Run: an engine that blocks synchronously still cannot hold the request past the timeout.
            var value = await Task.Run(() => call(timeout.Token), timeout.Token).WaitAsync(options.QueryTimeout, ct);
            return new Outcome<T>(value, null);
        }
        catch (Exception ex) when (ex is SearchEngineUnavailableException or TimeoutException
                                   || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Marketplace.Search");
            LogUnavailable(logger, engine.Name, ex);
            http.Response.Headers.RetryAfter = options.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return new Outcome<T>(default, Unavailable.ToProblem());
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Search engine {Engine} unavailable; answered 503")]
    private static partial void LogUnavailable(ILogger logger, string engine, Exception ex);
}
