using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Marketplace.BuildingBlocks.Idempotency;

/// <summary>
/// The request's <c>Idempotency-Key</c>, as the endpoint filter (<see cref="IdempotencyEndpointExtensions.RequireIdempotencyKey{TContext, TRequest}"/>)
/// checked it: no earlier request with this key exists. The handler claims it inside the transaction that does the work
/// (<see cref="Claim"/>) and writes the response into it before committing (<see cref="Respond{T}"/>), so a commit
/// stores the work and its replayable response together and a rollback leaves the key free for a retry.
/// </summary>
public sealed class IdempotentRequest(TimeProvider clock, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
{
    private IdempotencyRecord? _record;

    public Guid UserId { get; private set; }

    public string Key { get; private set; } = "";

    public string RequestHash { get; private set; } = "";

    public bool IsBound => Key.Length > 0;

    internal void Bind(Guid userId, string key, string hash)
    {
        UserId = userId;
        Key = key;
        RequestHash = hash;
    }

    /// <summary>
    /// Adds the key (without a response yet) to <paramref name="db"/>; the next SaveChanges inserts it. Save it first in
    /// the transaction: a concurrent request with the same key then waits on it (PostgreSQL) or finds it (SQLite's single
    /// writer) and is answered with this one's response.
    /// </summary>
    public void Claim(DbContext db)
    {
        if (!IsBound)
        {
            throw new InvalidOperationException("The endpoint has no idempotency filter (RequireIdempotencyKey).");
        }

        _record = new IdempotencyRecord { UserId = UserId, Key = Key, RequestHash = RequestHash, CreatedAt = clock.GetUtcNow() };
        db.Set<IdempotencyRecord>().Add(_record);
    }

    /// <summary>
    /// The response, stored on the claimed key (tracked: it is written by the caller's next SaveChanges) and returned as the
    /// exact bytes a replay will get.
    /// </summary>
    public IResult Respond<T>(int statusCode, T value)
    {
        var record = _record ?? throw new InvalidOperationException("Claim the key before responding.");
        var body = JsonSerializer.Serialize(value, json.Value.SerializerOptions);
        record.StatusCode = statusCode;
        record.ResponseJson = body;
        return Stored(statusCode, body);
    }

    internal static IResult Stored(int statusCode, string body) => Results.Text(body, "application/json", Encoding.UTF8, statusCode);
}
