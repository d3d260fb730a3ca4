using FluentValidation;
using Marketplace.BuildingBlocks.Text;
using Marketplace.Media.Contracts;
using Marketplace.SharedKernel.Errors;

namespace Marketplace.Engagement.Reviews;

/// <summary>Validation shared by posting and editing a review, and the response shape.</summary>
internal static class ReviewRules
{
    public static readonly Error NotFound = Error.NotFound("engagement.review.not_found", "There is no such review.");

    public static IRuleBuilderOptions<T, int?> Stars<T>(this IRuleBuilder<T, int?> rule) =>
        rule.InclusiveBetween(1, 5).WithMessage("rating must be a whole number of stars from 1 to 5.");

    /// <summary>Length is checked on the raw input (before sanitizing), so a 100 KB body is refused, not trimmed.</summary>
    public static IRuleBuilderOptions<T, string?> ReviewText<T>(this IRuleBuilder<T, string?> rule, int max) =>
        rule.MaximumLength(max).WithMessage($"At most {max} characters.");

    public static IRuleBuilderOptions<T, string?> Reason<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().MaximumLength(ReviewReport.MaxReasonLength).Must(r => !RichText.LooksLikeMarkup(r)).WithMessage("Plain text only, without < or >.");

    /// <summary>Sanitized text, or null when nothing is left (e.g. the text was only a script).</summary>
    public static string? Clean(string? text) => RichText.Sanitize(text);

    /// <param name="photos">The review's ready photos (<see cref="ReviewPhotos"/>).</param>
    public static ReviewResponse ToResponse(this Review r, IReadOnlyList<MediaImageView> photos, bool votedHelpful = false) => new(
        r.Id, r.ProductId, r.ShopId, r.OrderLineId, r.AuthorName, r.Rating, r.Text, photos, r.HelpfulCount, votedHelpful,
        r.Answer is null ? null : new ShopAnswer(r.Answer, r.AnsweredAt!.Value),
        r.Status, r.Status == ReviewStatus.Hidden ? r.HiddenReason : null, r.CreatedAt, r.EditedAt);
}

/// <summary>The shop's public answer.</summary>
internal sealed record ShopAnswer(string Text, DateTimeOffset At);

/// <param name="Text">Sanitized rich text.</param>
/// <param name="Photos">The buyer's photos of the product as received, ready ones only, in the author's order: upload
/// them with <c>POST /reviews/{id}/photos</c> after posting the review.</param>
/// <param name="VotedHelpful">Whether the caller (when signed in) voted this review helpful.</param>
/// <param name="HiddenReason">Only shown to the author and admins, for a hidden review.</param>
internal sealed record ReviewResponse(
    Guid Id,
    Guid ProductId,
    Guid ShopId,
    Guid OrderLineId,
    string AuthorName,
    int Rating,
    string? Text,
    IReadOnlyList<MediaImageView> Photos,
    int HelpfulCount,
    bool VotedHelpful,
    ShopAnswer? ShopAnswer,
    ReviewStatus Status,
    string? HiddenReason,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EditedAt);
