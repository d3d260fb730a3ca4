using System.Security.Claims;
using FluentValidation;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.Engagement.Persistence;
using Marketplace.SharedKernel.Errors;
using Marketplace.SharedKernel.Paging;
using Marketplace.SharedKernel.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Engagement.Reviews;

/// <param name="Reason">Why: plain text, up to 500 characters.</param>
internal sealed record ReasonRequest(string? Reason);

internal sealed class ReasonRequestValidator : AbstractValidator<ReasonRequest>
{
    public ReasonRequestValidator() => RuleFor(r => r.Reason).Reason();
}

internal sealed record ReportReceipt(Guid Id, Guid ReviewId, DateTimeOffset At);

internal sealed record OpenReport(string Reason, DateTimeOffset At);

/// <summary>A review in the moderation queue with its open reports, most reported first.</summary>
internal sealed record ReportedReview(ReviewResponse Review, IReadOnlyList<OpenReport> Reports);

/// <summary>
/// Anyone signed in reports a review with a reason (once per review); an admin hides it with a reason (it leaves the
/// public lists and, recounted in the same transaction, the rating aggregates), shows it again, or dismisses the reports.
/// </summary>
internal static class Moderation
{
    public static async Task<Results<Created<ReportReceipt>, ProblemHttpResult>> Report(
        Guid id, ReasonRequest request, ClaimsPrincipal user, EngagementDbContext db,
        [FromKeyedServices(EngagementModule.ClockKey)] TimeProvider clock, CancellationToken ct)
    {
        var userId = user.UserId()!.Value;
        if (!await db.Reviews.AnyAsync(r => r.Id == id && r.Status == ReviewStatus.Visible, ct))
        {
            return ReviewRules.NotFound.ToProblem();
        }

        var report = new ReviewReport { Id = Guid.CreateVersion7(), ReviewId = id, ReporterId = userId, Reason = request.Reason!.Trim(), At = clock.GetUtcNow() };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            db.Reports.Add(report);
            await db.SaveChangesAsync(ct);
            await db.Reviews.Where(r => r.Id == id).ExecuteUpdateAsync(s => s.SetProperty(r => r.ReportCount, r => r.ReportCount + 1), ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            await tx.RollbackAsync(ct);
            return Error.Conflict("engagement.review.already_reported", "You have reported this review already.").ToProblem();
        }

        return TypedResults.Created($"/api/v1/reviews/{id}", new ReportReceipt(report.Id, id, report.At));
    }

    public static async Task<Results<Ok<ReviewResponse>, ProblemHttpResult>> Hide(
        Guid id, ReasonRequest request, [AsParameters] ReviewWriting services, CancellationToken ct) =>
        await SetVisibilityAsync(id, services, review => review.Hide(request.Reason!.Trim(), services.Clock.GetUtcNow()), ct);

    public static async Task<Results<Ok<ReviewResponse>, ProblemHttpResult>> Show(Guid id, [AsParameters] ReviewWriting services, CancellationToken ct) =>
        await SetVisibilityAsync(id, services, review => review.Show(services.Clock.GetUtcNow()), ct);

    /// <summary>The admin keeps the review: its open reports leave the queue.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> Dismiss(
        Guid id, EngagementDbContext db, [FromKeyedServices(EngagementModule.ClockKey)] TimeProvider clock, CancellationToken ct)
    {
        if (!await db.Reviews.AnyAsync(r => r.Id == id, ct))
        {
            return ReviewRules.NotFound.ToProblem();
        }

        var now = clock.GetUtcNow();
        await db.Reports.Where(r => r.ReviewId == id && r.ResolvedAt == null).ExecuteUpdateAsync(s => s.SetProperty(r => r.ResolvedAt, now), ct);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<PagedResult<ReportedReview>>, ProblemHttpResult>> Queue(int? page, int? pageSize, EngagementDbContext db, ReviewPhotos photos, CancellationToken ct)
    {
        var paging = PageRequest.From(page, pageSize);
        if (!paging.IsSuccess)
        {
            return paging.Errors.ToProblem();
        }

        var open = db.Reports.AsNoTracking().Where(r => r.ResolvedAt == null);
        var byReview = open.GroupBy(r => r.ReviewId).Select(g => new { ReviewId = g.Key, Count = g.Count(), First = g.Min(r => r.At) });
        var total = await byReview.CountAsync(ct);
        var ids = await byReview.OrderByDescending(g => g.Count).ThenBy(g => g.First).ThenBy(g => g.ReviewId)
            .Skip(paging.Value.Skip).Take(paging.Value.PageSize).Select(g => g.ReviewId).ToListAsync(ct);
        var reviews = await db.Reviews.AsNoTracking().Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, ct);
        var reports = (await open.Where(r => ids.Contains(r.ReviewId)).ToListAsync(ct)).ToLookup(r => r.ReviewId);
        var responses = (await photos.RespondAsync(ids.Select(i => reviews[i]).ToList(), null, ct)).ToDictionary(r => r.Id);
        var items = ids.Select(i => new ReportedReview(responses[i],
            reports[i].OrderBy(r => r.At).Select(r => new OpenReport(r.Reason, r.At)).ToList())).ToList();
        return TypedResults.Ok(new PagedResult<ReportedReview>(items, paging.Value.Page, paging.Value.PageSize, total));
    }

    private static async Task<Results<Ok<ReviewResponse>, ProblemHttpResult>> SetVisibilityAsync(
        Guid id, ReviewWriting services, Action<Review> change, CancellationToken ct)
    {
        var db = services.Db;
        var found = await db.Reviews.AsNoTracking().Where(r => r.Id == id).Select(r => new { r.ProductId, r.ShopId }).SingleOrDefaultAsync(ct);
        if (found is null)
        {
            return ReviewRules.NotFound.ToProblem();
        }

        var now = services.Clock.GetUtcNow();
        var review = await services.Recount.RunAsync(found.ProductId, found.ShopId, async () =>
        {
            var tracked = await db.Reviews.SingleAsync(r => r.Id == id, ct);
            change(tracked);
            foreach (var report in await db.Reports.Where(r => r.ReviewId == id && r.ResolvedAt == null).ToListAsync(ct))
            {
                report.ResolvedAt = now;
            }

            return (tracked, true);
        }, ct);
        return TypedResults.Ok(await services.Photos.RespondAsync(review, ct));
    }
}
