using System.Security.Claims;
using FluentValidation;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.Catalog.Contracts;
using Marketplace.Engagement.Persistence;
using Marketplace.SharedKernel.Errors;
using Marketplace.SharedKernel.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Engagement.Reviews;

/// <param name="Text">Up to 2,000 characters of rich text; sanitized.</param>
internal sealed record AnswerReviewRequest(string? Text);

internal sealed class AnswerReviewRequestValidator : AbstractValidator<AnswerReviewRequest>
{
    public AnswerReviewRequestValidator() => RuleFor(r => r.Text).NotEmpty().ReviewText(Review.MaxAnswerLength);
}

internal static class AnswerReview
{
    /// <summary>
    /// The shop's owner answers once, publicly. "Once" is a conditional update on an empty answer, so two racing answers
    /// leave exactly one.
    /// </summary>
    public static async Task<Results<Ok<ReviewResponse>, ProblemHttpResult>> Handle(
        Guid id, AnswerReviewRequest request, ClaimsPrincipal user, EngagementDbContext db, ICatalogReader catalog, ReviewPhotos photos,
        [FromKeyedServices(EngagementModule.ClockKey)] TimeProvider clock, CancellationToken ct)
    {
        var review = await db.Reviews.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        if (review is null)
        {
            return ReviewRules.NotFound.ToProblem();
        }

        var shop = await catalog.GetShopAsync(review.ShopId, ct);
        if (shop is null || shop.OwnerId != user.UserId())
        {
            return Error.Forbidden("engagement.review.not_your_shop", "Only the reviewed shop's owner may answer.").ToProblem();
        }

        var text = ReviewRules.Clean(request.Text);
        if (text is null)
        {
            return Error.Validation("text", "engagement.review.answer_empty", "The answer has no text left once markup is removed.").ToProblem();
        }

        var now = clock.GetUtcNow();
        var answered = await db.Reviews
            .Where(r => r.Id == id && r.Answer == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Answer, text).SetProperty(r => r.AnsweredAt, now).SetProperty(r => r.UpdatedAt, now), ct);
        if (answered == 0)
        {
            return Error.Conflict("engagement.review.already_answered", "The shop has answered this review already.").ToProblem();
        }

        var updated = await db.Reviews.AsNoTracking().SingleAsync(r => r.Id == id, ct);
        return TypedResults.Ok(await photos.RespondAsync(updated, ct));
    }
}
