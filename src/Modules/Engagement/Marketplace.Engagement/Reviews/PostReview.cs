using System.Globalization;
using System.Security.Claims;
using FluentValidation;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.Engagement.Persistence;
using Marketplace.Engagement.Ratings;
using Marketplace.Orders.Contracts;
using Marketplace.SharedKernel.Errors;
using Marketplace.SharedKernel.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Marketplace.Engagement.Reviews;

/// <param name="OrderLineId">The purchased line being reviewed (<c>lines[].id</c> of <c>GET /orders/{id}</c>).</param>
/// <param name="Rating">1 to 5 stars.</param>
/// <param name="Text">Up to 5,000 characters of rich text; sanitized (scripts, styles and event handlers are removed).</param>
/// <remarks>Photos are uploaded after posting: <c>POST /reviews/{id}/photos</c> (up to 6, the author only).</remarks>
internal sealed record PostReviewRequest(Guid? OrderLineId, int? Rating, string? Text);

internal sealed class PostReviewRequestValidator : AbstractValidator<PostReviewRequest>
{
    public PostReviewRequestValidator()
    {
        RuleFor(r => r.OrderLineId).NotEmpty();
        RuleFor(r => r.Rating).NotNull().Stars();
        RuleFor(r => r.Text).ReviewText(Review.MaxTextLength);
    }
}

/// <summary>What posting and editing a review need, bound with [AsParameters].</summary>
internal sealed record ReviewWriting(
    EngagementDbContext Db,
    RatingRecount Recount,
    ReviewPhotos Photos,
    IOptions<ReviewOptions> Options,
    [FromKeyedServices(EngagementModule.ClockKey)] TimeProvider Clock);

internal static class PostReview
{
    /// <summary>
    /// Only the buyer of the line may review it, once, when the order is completed (or has been shipped long enough
    /// to have arrived). The unique index on the line settles racing posts: one is stored, the other gets 409.
    /// </summary>
    public static async Task<Results<Created<ReviewResponse>, ProblemHttpResult>> Handle(
        PostReviewRequest request, ClaimsPrincipal user, HttpContext http, [AsParameters] ReviewWriting services,
        IPurchases purchases, ReviewPostingLimiter limiter, CancellationToken ct)
    {
        var userId = user.UserId()!.Value;
        if (await limiter.TryAcquireAsync(http, userId, ct) is { } wait)
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return new Error("engagement.review.rate_limited", "Too many reviews posted; wait a while and try again.", ErrorKind.TooManyRequests).ToProblem();
        }

        var line = await purchases.FindLineAsync(request.OrderLineId!.Value, ct);
        if (line is null)
        {
            return Error.NotFound("engagement.review.unknown_purchase", "There is no such order line.").ToProblem();
        }

        if (line.ShopperId != userId)
        {
            return Error.Forbidden("engagement.review.not_your_purchase", "Only the buyer of this order line may review it.").ToProblem();
        }

        var now = services.Clock.GetUtcNow();
        var eligibility = Eligibility(line, now, services.Options.Value.ReviewableAfterShipping);
        if (eligibility is not null)
        {
            return eligibility.ToProblem();
        }

        var db = services.Db;
        if (await db.Reviews.AnyAsync(r => r.OrderLineId == line.OrderLineId, ct))
        {
            return AlreadyReviewed.ToProblem();
        }

        var review = new Review(Guid.CreateVersion7(), line.OrderLineId, line.OrderId, line.ProductId, line.ShopId, userId,
            user.Identity?.Name is { Length: > 0 } name ? name[..Math.Min(name.Length, 100)] : "Pembeli", now);
        review.Write(request.Rating!.Value, ReviewRules.Clean(request.Text));
        try
        {
            await services.Recount.RunAsync(line.ProductId, line.ShopId, () =>
            {
                db.Reviews.Add(review);
                return Task.FromResult((true, true));
            }, ct);
        }
        catch (DbUpdateException)
        {
            return AlreadyReviewed.ToProblem();
        }

        return TypedResults.Created($"/api/v1/reviews/{review.Id}", review.ToResponse(photos: []));
    }

    private static readonly Error AlreadyReviewed = Error.Conflict("engagement.review.already_reviewed", "This order line has been reviewed already; edit that review instead.", "orderLineId");

    /// <summary>Null when the line may be reviewed now.</summary>
    internal static Error? Eligibility(PurchasedLine line, DateTimeOffset now, TimeSpan reviewableAfterShipping) => line.State switch
    {
        PurchaseState.Completed => null,
        PurchaseState.Shipped when line.ShippedAt is { } shipped && now - shipped >= reviewableAfterShipping => null,
        PurchaseState.Cancelled => Error.Conflict("engagement.review.order_cancelled", "A cancelled order cannot be reviewed.", "orderLineId"),
        _ => Error.Conflict("engagement.review.not_yet_reviewable",
            $"A purchase can be reviewed once its order is completed, or {reviewableAfterShipping.TotalDays:0} days after it was shipped.", "orderLineId"),
    };
}
