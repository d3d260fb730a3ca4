namespace Marketplace.Engagement.Contracts;

/// <summary>
/// Who wrote a review, for other modules that attach things to it (the Media module: a review's photos belong to its
/// author).
/// </summary>
public interface IReviewAuthors
{
    /// <summary>
    /// The author of a visible review; null when there is no such review or a moderator hid it (nothing is added to,
    /// listed for or changed on a hidden review).
    /// </summary>
    Task<Guid?> GetAuthorOfAsync(Guid reviewId, CancellationToken ct);
}
