using System.Text.Json;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.SharedKernel.Errors;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Marketplace.BuildingBlocks.Http;

/// <summary>
/// Faults of the store that are not the request's fault become a 503 with <c>Retry-After</c> and a problem that says
/// what is wrong, instead of a 500: PostgreSQL restarting or unreachable (the pool reconnects by itself once it is
/// back), and a full disk under SQLite (writes fail with SQLITE_FULL; reads keep working; writes resume when space
/// returns, nothing half-written because the transaction rolled back).
/// </summary>
public sealed partial class StoreUnavailableExceptionHandler(ILogger<StoreUnavailableExceptionHandler> logger) : IExceptionHandler
{
    private const int SqliteFull = 13;
    private const int SqliteIoError = 10;
    private const int NoSpaceLeftOnDevice = 28; // ENOSPC

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        var (error, retryAfter) = Classify(exception);
        if (error is null || http.Response.HasStarted)
        {
            return false;
        }

        LogUnavailable(logger, error.Code, exception.GetType().Name);
        var problem = error.ToProblem().ProblemDetails;
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await http.Response.WriteAsJsonAsync(problem, problem.GetType(), (JsonSerializerOptions?)null, "application/problem+json", cancellationToken);
        return true;
    }

    public static (Error? Error, int RetryAfterSeconds) Classify(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SqliteException { SqliteErrorCode: SqliteFull or SqliteIoError }:
                case IOException when (e.HResult & 0xFFFF) == NoSpaceLeftOnDevice || e.Message.Contains("No space left", StringComparison.OrdinalIgnoreCase):
                    return (new Error("store.full", "The server's storage is full, so changes cannot be saved right now; reading works. Try again later.", ErrorKind.Unavailable), 60);
                case PostgresException { SqlState: "57P01" or "57P02" or "57P03" or "53300" } or PostgresException { SqlState: ['0', '8', ..] }:
                case NpgsqlException { IsTransient: true }:
                    return (new Error("store.unavailable", "The database is restarting or unreachable; try again in a few seconds.", ErrorKind.Unavailable), 5);
            }
        }

        return (null, 0);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answered 503 ({Code}) for a store fault ({ExceptionType})")]
    private static partial void LogUnavailable(ILogger logger, string code, string exceptionType);
}
