using System.Security.Claims;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.Engagement.Persistence;
using Marketplace.SharedKernel.Errors;
using Marketplace.SharedKernel.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Engagement.Reviews;

internal sealed record HelpfulResponse(Guid ReviewId, int HelpfulCount, bool VotedHelpful);

/// <summary>
/// "Helpful" votes, one per user per review (the vote's primary key). The vote row and the review's counter change in
/// one transaction, so the counter always equals the number of votes; voting twice or withdrawing twice changes nothing.
/// </summary>
internal static class HelpfulVotes
{
    public static async Task<Results<Ok<HelpfulResponse>, ProblemHttpResult>> Vote(
        Guid id, ClaimsPrincipal user, EngagementDbContext db, [FromKeyedServices(EngagementModule.ClockKey)] TimeProvider clock, CancellationToken ct)
    {
        var userId = user.UserId()!.Value;
        var review = await db.Reviews.AsNoTracking().Where(r => r.Id == id && r.Status == ReviewStatus.Visible)
            .Select(r => new { r.AuthorId }).SingleOrDefaultAsync(ct);
        if (review is null)
        {
            return ReviewRules.NotFound.ToProblem();
        }

        if (review.AuthorId == userId)
        {
            return Error.Conflict("engagement.review.own_review", "You cannot vote your own review helpful.").ToProblem();
        }

        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            if (!await db.Votes.AnyAsync(v => v.ReviewId == id && v.UserId == userId, ct))
            {
                db.Votes.Add(new ReviewVote { ReviewId = id, UserId = userId, At = clock.GetUtcNow() });
                try
                {
                    await db.SaveChangesAsync(ct);
                    await db.Reviews.Where(r => r.Id == id).ExecuteUpdateAsync(s => s.SetProperty(r => r.HelpfulCount, r => r.HelpfulCount + 1), ct);
                    await tx.CommitAsync(ct);
                }
                catch (DbUpdateException)
                {
                    // The same user's vote from a parallel request won; it counted once.
                    await tx.RollbackAsync(ct);
                    db.ChangeTracker.Clear();
                }
            }
        }

        return TypedResults.Ok(await StateAsync(db, id, userId, ct));
    }

    public static async Task<Results<Ok<HelpfulResponse>, ProblemHttpResult>> Withdraw(Guid id, ClaimsPrincipal user, EngagementDbContext db, CancellationToken ct)
    {
        var userId = user.UserId()!.Value;
        if (!await db.Reviews.AnyAsync(r => r.Id == id, ct))
        {
            return ReviewRules.NotFound.ToProblem();
        }

        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            var removed = await db.Votes.Where(v => v.ReviewId == id && v.UserId == userId).ExecuteDeleteAsync(ct);
            if (removed > 0)
            {
                await db.Reviews.Where(r => r.Id == id).ExecuteUpdateAsync(s => s.SetProperty(r => r.HelpfulCount, r => r.HelpfulCount - removed), ct);
            }

            await tx.CommitAsync(ct);
        }

        return TypedResults.Ok(await StateAsync(db, id, userId, ct));
    }

    private static async Task<HelpfulResponse> StateAsync(EngagementDbContext db, Guid id, Guid userId, CancellationToken ct)
    {
        var count = await db.Reviews.AsNoTracking().Where(r => r.Id == id).Select(r => r.HelpfulCount).SingleAsync(ct);
        var voted = await db.Votes.AnyAsync(v => v.ReviewId == id && v.UserId == userId, ct);
        return new HelpfulResponse(id, count, voted);
    }
}
