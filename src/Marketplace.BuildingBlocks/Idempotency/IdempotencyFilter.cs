using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.BuildingBlocks.Persistence;
using Marketplace.SharedKernel.Errors;
using Marketplace.SharedKernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.BuildingBlocks.Idempotency;

public static class IdempotencyEndpointExtensions
{
    public const string Header = "Idempotency-Key";

    /// <summary>
    /// The endpoint needs an <c>Idempotency-Key</c> header (1 to 100 characters) from a signed-in user. A request whose key
    /// was already used gets the first response back (same body) or 422 <c>{codePrefix}.idempotency_key_reused</c> (a
    /// different body); a key whose work committed but whose response is not final yet gets 409
    /// <c>{codePrefix}.in_progress</c>. Otherwise the handler runs with <see cref="IdempotentRequest"/> bound; it claims
    /// the key in its own transaction (module table mapped with <c>AddIdempotencyKeys</c> in <typeparamref name="TContext"/>).
    /// A concurrent request with the same key that loses the race on the key's row is answered like a retry.
    /// </summary>
    public static RouteHandlerBuilder RequireIdempotencyKey<TContext, TRequest>(this RouteHandlerBuilder builder, string codePrefix)
        where TContext : DbContext
        where TRequest : class =>
        builder.AddEndpointFilter(new IdempotencyFilter<TContext, TRequest>(codePrefix));
}

internal sealed class IdempotencyFilter<TContext, TRequest>(string codePrefix) : IEndpointFilter
    where TContext : DbContext
    where TRequest : class
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var header = http.Request.Headers[IdempotencyEndpointExtensions.Header].ToString();
        if (string.IsNullOrWhiteSpace(header) || header.Trim().Length > IdempotencyModelBuilderExtensions.MaxKeyLength)
        {
            return Error.Validation(IdempotencyEndpointExtensions.Header, codePrefix + ".idempotency_key_required",
                $"Send an Idempotency-Key header (1 to {IdempotencyModelBuilderExtensions.MaxKeyLength} characters, e.g. a UUID) so a retried request cannot act twice.").ToProblem();
        }

        var userId = http.User.UserId()
            ?? throw new InvalidOperationException("RequireIdempotencyKey needs an endpoint that requires a signed-in user.");
        var key = header.Trim();
        var request = context.Arguments.OfType<TRequest>().Single();
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(request))));

        var services = http.RequestServices;
        var db = services.GetRequiredService<TContext>();
        if (await FindAsync(db, userId, key, http.RequestAborted) is { } earlier)
        {
            return Replay(earlier, hash);
        }

        services.GetRequiredService<IdempotentRequest>().Bind(userId, key, hash);
        try
        {
            return await next(context);
        }
        catch (DbUpdateException)
        {
            // Most likely a concurrent request with the same key committed first (its row won the primary key); everything
            // this one wrote was rolled back with its transaction. Answer it as the retry it is; anything else rethrows.
            db.ChangeTracker.Clear();
            if (await FindAsync(db, userId, key, CancellationToken.None) is { } raced)
            {
                return Replay(raced, hash);
            }

            throw;
        }
    }

    // Every request with a key reads it first (almost always finding nothing): compiled once per model, not translated each time.
    private static readonly CompiledPerModel<Func<TContext, Guid, string, CancellationToken, Task<IdempotencyRecord?>>> ByKey = new(() =>
        EF.CompileAsyncQuery((TContext db, Guid userId, string key, CancellationToken _) =>
            db.Set<IdempotencyRecord>().AsNoTracking().SingleOrDefault(r => r.UserId == userId && r.Key == key)));

    private static Task<IdempotencyRecord?> FindAsync(TContext db, Guid userId, string key, CancellationToken ct) => ByKey.For(db)(db, userId, key, ct);

    private IResult Replay(IdempotencyRecord earlier, string hash)
    {
        if (earlier.RequestHash != hash)
        {
            return Error.Unprocessable(codePrefix + ".idempotency_key_reused",
                "This Idempotency-Key was used for a different request; use a new key.", IdempotencyEndpointExtensions.Header).ToProblem();
        }

        return earlier.ResponseJson is { } body
            ? IdempotentRequest.Stored(earlier.StatusCode ?? StatusCodes.Status200OK, body)
            : Error.Conflict(codePrefix + ".in_progress", "A request with this Idempotency-Key is still finishing; retry in a moment.").ToProblem();
    }
}
