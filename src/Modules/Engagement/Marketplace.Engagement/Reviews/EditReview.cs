using System.Security.Claims;
using FluentValidation;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.SharedKernel.Errors;
using Marketplace.SharedKernel.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Engagement.Reviews;

/// <summary>
/// A partial edit: absent fields keep their value; an empty <c>text</c> clears it. Photos are changed through the
/// Media routes (<c>/reviews/{id}/photos</c>, <c>/media/images/{imageId}</c>).
/// </summary>
internal sealed record EditReviewRequest(int? Rating, string? Text);

internal sealed class EditReviewRequestValidator : AbstractValidator<EditReviewRequest>
{
    public EditReviewRequestValidator()
    {
        RuleFor(r => r.Rating).Stars();
        RuleFor(r => r.Text).ReviewText(Review.MaxTextLength);
    }
}

internal static class EditReview
{
    /// <summary>The author edits within the edit window (30 days by default); the aggregates are recounted with the edit.</summary>
    public static async Task<Results<Ok<ReviewResponse>, ProblemHttpResult>> Handle(
        Guid id, EditReviewRequest request, ClaimsPrincipal user, [AsParameters] ReviewWriting services, CancellationToken ct)
    {
        var db = services.Db;
        var userId = user.UserId()!.Value;
        var found = await db.Reviews.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        if (found is null)
        {
            return ReviewRules.NotFound.ToProblem();
        }

        if (found.AuthorId != userId)
        {
            return Error.Forbidden("engagement.review.not_yours", "Only its author may edit a review.").ToProblem();
        }

        var now = services.Clock.GetUtcNow();
        var edited = await services.Recount.RunAsync(found.ProductId, found.ShopId, async () =>
        {
            // Read again inside the transaction that holds the aggregate lock, so an admin hiding it meanwhile is seen.
            var review = await db.Reviews.SingleAsync(r => r.Id == id, ct);
            if (review.Status == ReviewStatus.Hidden)
            {
                return ((Result<Review>)Error.Conflict("engagement.review.hidden", $"This review was hidden by a moderator: {review.HiddenReason}"), false);
            }

            if (!review.CanBeEditedAt(now, services.Options.Value.EditWindow))
            {
                return ((Result<Review>)Error.Conflict("engagement.review.edit_window_closed",
                    $"A review can be edited for {services.Options.Value.EditWindow.TotalDays:0} days after it was posted."), false);
            }

            review.Write(request.Rating ?? review.Rating, request.Text is null ? review.Text : ReviewRules.Clean(request.Text));
            review.Edited(now);
            return ((Result<Review>)review, true);
        }, ct);

        return edited.IsSuccess ? TypedResults.Ok(await services.Photos.RespondAsync(edited.Value, ct)) : edited.Errors.ToProblem();
    }
}
