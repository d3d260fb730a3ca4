using System.Collections.Concurrent;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.BuildingBlocks.Persistence;
using Marketplace.Exhibitions.Booths;
using Marketplace.Exhibitions.Exhibitions;
using Marketplace.Exhibitions.Persistence;
using Marketplace.SharedKernel.Errors;
using Marketplace.SharedKernel.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Exhibitions.Visits;

/// <param name="VisitorId">For anonymous visitors: a stable random id the browser keeps (8–64 letters, digits, - or _).
/// Also accepted as the <c>X-Visitor-Id</c> header. Ignored for signed-in visitors, who are counted by account.</param>
internal sealed record RecordVisitRequest(string? VisitorId);

/// <param name="Counted">False when this visitor was already counted at this booth within the last 30 minutes.</param>
internal sealed record VisitResponse(Guid BoothId, bool Counted);

/// <summary>What a visit needs to know of its booth; cached for a few seconds, as visits come in storms.</summary>
internal sealed record VisitTarget(Guid BoothId, Guid ExhibitionId, bool Open, DateTimeOffset StartsAt, DateTimeOffset EndsAt);

internal sealed class VisitTargets(IServiceScopeFactory scopes)
{
    private static readonly long LifetimeMs = 5_000;
    private readonly ConcurrentDictionary<Guid, (VisitTarget? Target, long Until)> _cache = new();

    /// <summary>Compiled once per model: with a thousand booths each refreshed every few seconds, translating the query
    /// per call was a visible share of a visit storm's CPU.</summary>
    private static readonly CompiledPerModel<Func<ExhibitionsDbContext, Guid, CancellationToken, Task<VisitTarget?>>> ById = new(() =>
        EF.CompileAsyncQuery((ExhibitionsDbContext db, Guid boothId, CancellationToken _) =>
            (from b in db.Booths.AsNoTracking()
             join e in db.Exhibitions.AsNoTracking() on b.ExhibitionId equals e.Id
             where b.Id == boothId
             select new VisitTarget(b.Id, e.Id, b.Status == BoothStatus.Open, e.StartsAt, e.EndsAt)).SingleOrDefault()));

    public async Task<VisitTarget?> FindAsync(Guid boothId, CancellationToken ct)
    {
        var now = Environment.TickCount64;
        if (_cache.TryGetValue(boothId, out var hit) && hit.Until > now)
        {
            return hit.Target;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ExhibitionsDbContext>();
        var target = await ById.For(db)(db, boothId, ct);
        if (_cache.Count > 50_000)
        {
            _cache.Clear();
        }

        _cache[boothId] = (target, now + LifetimeMs);
        return target;
    }

    /// <summary>The booth's target if it is cached and fresh; never reads the store.</summary>
    public VisitTarget? Cached(Guid boothId) =>
        _cache.TryGetValue(boothId, out var hit) && hit.Until > Environment.TickCount64 ? hit.Target : null;

    public void Forget(Guid boothId) => _cache.TryRemove(boothId, out _);
}

internal static partial class RecordVisit
{
    [GeneratedRegex("^[A-Za-z0-9_-]{8,64}$")]
    private static partial Regex VisitorIdPattern();

    /// <summary>
    /// Records a booth visit. Rate-limited per visitor; counted once per visitor per booth per 30 minutes; a counted
    /// visit is one row in the store (the truth for "by day" and for rebuilding the counters) plus the counters.
    /// </summary>
    public static async Task<Results<Ok<VisitResponse>, ProblemHttpResult>> Handle(
        Guid id,
        [FromBody] RecordVisitRequest? request,
        HttpContext http,
        ClaimsPrincipal user,
        VisitTargets targets,
        IVisitCounters counters,
        VisitMetrics metrics,
        VisitWriter writer,
        [FromKeyedServices(ExhibitionsModule.ClockKey)] TimeProvider clock,
        CancellationToken ct)
    {
        string visitorId;
        if (user.UserId() is { } userId)
        {
            visitorId = "u:" + userId.ToString("N");
        }
        else
        {
            var anonymous = request?.VisitorId ?? http.Request.Headers["X-Visitor-Id"].FirstOrDefault();
            if (anonymous is null || !VisitorIdPattern().IsMatch(anonymous))
            {
                return Error.Validation("visitorId", "exhibitions.visit.visitor_id",
                    "Sign in, or send a visitorId (8–64 letters, digits, - or _) that this browser keeps.").ToProblem();
            }

            visitorId = "a:" + anonymous;
        }

        var now = clock.GetUtcNow();
        if (targets.Cached(id) is { Open: true } live && now >= live.StartsAt && now < live.EndsAt)
        {
            // The usual case in a storm: the booth is known open and live, so the counters do their three steps at once.
            var outcome = await counters.CountAsync(live.ExhibitionId, id, visitorId, now);
            if (outcome == VisitOutcome.Counted)
            {
                await writer.WriteAsync(new BoothVisit { ExhibitionId = live.ExhibitionId, BoothId = id, VisitorId = visitorId, At = now, Day = Jakarta.Day(now) }, ct);
            }

            return Answer(outcome, id, http, metrics, now);
        }

        if (!await counters.TryAcquireAsync(visitorId, now))
        {
            return Answer(VisitOutcome.RateLimited, id, http, metrics, now);
        }

        var target = await targets.FindAsync(id, ct);
        if (target is null || !target.Open)
        {
            return BoothAccess.NotFound.ToProblem();
        }

        if (now < target.StartsAt || now >= target.EndsAt)
        {
            return Error.Conflict("exhibitions.exhibition.not_live", "Visits are counted while the exhibition is live.").ToProblem();
        }

        if (!await counters.TryStartVisitAsync(id, visitorId, now))
        {
            return Answer(VisitOutcome.Deduplicated, id, http, metrics, now);
        }

        await writer.WriteAsync(new BoothVisit { ExhibitionId = target.ExhibitionId, BoothId = id, VisitorId = visitorId, At = now, Day = Jakarta.Day(now) }, ct);
        await counters.RecordAsync(target.ExhibitionId, id, visitorId, now);
        return Answer(VisitOutcome.Counted, id, http, metrics, now);
    }

    private static Results<Ok<VisitResponse>, ProblemHttpResult> Answer(VisitOutcome outcome, Guid boothId, HttpContext http, VisitMetrics metrics, DateTimeOffset now)
    {
        switch (outcome)
        {
            case VisitOutcome.RateLimited:
                metrics.Visit("rate_limited");
                http.Response.Headers.RetryAfter = (60 - (now.ToUnixTimeSeconds() % 60)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return new Error("exhibitions.visit.rate_limited", "Too many visits from this visitor; wait a minute.", ErrorKind.TooManyRequests).ToProblem();
            case VisitOutcome.Deduplicated:
                metrics.Visit("deduplicated");
                return TypedResults.Ok(new VisitResponse(boothId, false));
            default:
                metrics.Visit("counted");
                return TypedResults.Ok(new VisitResponse(boothId, true));
        }
    }
}
