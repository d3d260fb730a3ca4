using System.Security.Claims;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.Engagement.Persistence;
using Marketplace.SharedKernel.Errors;
using Marketplace.SharedKernel.Paging;
using Marketplace.SharedKernel.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Engagement.Reviews;

internal static class ReviewQueries
{
    public const string Sorts = "newest, helpful or photos";

    /// <summary>A product's visible reviews: newest first, most helpful first, or those with photos first.</summary>
    public static Task<Results<Ok<PagedResult<ReviewResponse>>, ProblemHttpResult>> OfProduct(
        Guid id, string? sort, int? rating, int? page, int? pageSize, ClaimsPrincipal user, EngagementDbContext db, ReviewPhotos photos, CancellationToken ct) =>
        ListAsync(db.Reviews.Where(r => r.ProductId == id), sort, rating, page, pageSize, user, db, photos, ct);

    public static Task<Results<Ok<PagedResult<ReviewResponse>>, ProblemHttpResult>> OfShop(
        Guid shopId, string? sort, int? rating, int? page, int? pageSize, ClaimsPrincipal user, EngagementDbContext db, ReviewPhotos photos, CancellationToken ct) =>
        ListAsync(db.Reviews.Where(r => r.ShopId == shopId), sort, rating, page, pageSize, user, db, photos, ct);

    /// <summary>One review; a hidden one only for its author and admins.</summary>
    public static async Task<Results<Ok<ReviewResponse>, ProblemHttpResult>> Get(Guid id, ClaimsPrincipal user, EngagementDbContext db, ReviewPhotos photos, CancellationToken ct)
    {
        var review = await db.Reviews.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        var userId = user.UserId();
        if (review is null || (review.Status == ReviewStatus.Hidden && review.AuthorId != userId && !user.IsAdmin()))
        {
            return ReviewRules.NotFound.ToProblem();
        }

        var voted = userId is { } u && await db.Votes.AnyAsync(v => v.ReviewId == id && v.UserId == u, ct);
        return TypedResults.Ok(await photos.RespondAsync(review, ct, voted));
    }

    /// <summary>The caller's own reviews, hidden ones included (with the moderator's reason), newest first.</summary>
    public static async Task<Results<Ok<PagedResult<ReviewResponse>>, ProblemHttpResult>> Mine(
        int? page, int? pageSize, ClaimsPrincipal user, EngagementDbContext db, ReviewPhotos photos, CancellationToken ct)
    {
        var paging = PageRequest.From(page, pageSize);
        if (!paging.IsSuccess)
        {
            return paging.Errors.ToProblem();
        }

        var userId = user.UserId()!.Value;
        var query = db.Reviews.AsNoTracking().Where(r => r.AuthorId == userId);
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
            .Skip(paging.Value.Skip).Take(paging.Value.PageSize).ToListAsync(ct);
        return TypedResults.Ok(new PagedResult<ReviewResponse>(await photos.RespondAsync(items, null, ct), paging.Value.Page, paging.Value.PageSize, total));
    }

    private static async Task<Results<Ok<PagedResult<ReviewResponse>>, ProblemHttpResult>> ListAsync(
        IQueryable<Review> of, string? sort, int? rating, int? page, int? pageSize, ClaimsPrincipal user, EngagementDbContext db, ReviewPhotos photos, CancellationToken ct)
    {
        var errors = new List<Error>();
        var paging = PageRequest.From(page, pageSize);
        errors.AddRange(paging.Errors ?? []);
        if (sort is not (null or "newest" or "helpful" or "photos"))
        {
            errors.Add(Error.Validation("sort", "engagement.review.unknown_sort", $"sort must be {Sorts}."));
        }

        if (rating is < 1 or > 5)
        {
            errors.Add(Error.Validation("rating", "engagement.review.rating_out_of_range", "rating must be 1 to 5."));
        }

        if (errors.Count > 0)
        {
            return errors.ToProblem();
        }

        var query = of.AsNoTracking().Where(r => r.Status == ReviewStatus.Visible);
        if (rating is { } stars)
        {
            query = query.Where(r => r.Rating == stars);
        }

        var total = await query.CountAsync(ct);
        var ordered = sort switch
        {
            "helpful" => query.OrderByDescending(r => r.HelpfulCount).ThenByDescending(r => r.CreatedAt),
            "photos" => query.OrderByDescending(r => r.HasPhotos).ThenByDescending(r => r.CreatedAt),
            _ => query.OrderByDescending(r => r.CreatedAt),
        };
        var items = await ordered.ThenByDescending(r => r.Id).Skip(paging.Value.Skip).Take(paging.Value.PageSize).ToListAsync(ct);
        var voted = new HashSet<Guid>();
        if (user.UserId() is { } userId && items.Count > 0)
        {
            var ids = items.Select(r => r.Id).ToList();
            voted = [.. await db.Votes.Where(v => v.UserId == userId && ids.Contains(v.ReviewId)).Select(v => v.ReviewId).ToListAsync(ct)];
        }

        return TypedResults.Ok(new PagedResult<ReviewResponse>(await photos.RespondAsync(items, voted, ct), paging.Value.Page, paging.Value.PageSize, total));
    }
}
