using Marketplace.SharedKernel.Events;

namespace Marketplace.Engagement.Contracts;

/// <summary>What a rating aggregate is about.</summary>
public enum RatedKind
{
    Product,
    Shop,
}

/// <summary>
/// A product's or a shop's rating aggregate changed (a review was posted, edited, hidden or shown again). It carries the
/// whole aggregate, not a delta, with a version that grows with every change of that aggregate: a consumer keeps the
/// highest version it has seen, so a redelivered or reordered event converges on the truth.
/// </summary>
/// <param name="Distribution">How many visible reviews gave 1, 2, 3, 4 and 5 stars (five numbers, index 0 is one star).</param>
public sealed record RatingChanged(RatedKind Kind, Guid TargetId, int Count, IReadOnlyList<int> Distribution, long Version) : IntegrationEvent
{
    /// <summary>The mean of the visible ratings, 0 when there are none.</summary>
    public double Average => Count == 0 ? 0 : Math.Round(Distribution.Select((n, i) => (double)n * (i + 1)).Sum() / Count, 2);
}

/// <summary>
/// Another module asks Engagement to tell one user something in their in-app notifications list (e.g. a mentoring
/// clinic reminder, a new message). Written to the asking module's outbox with the change that caused it. The
/// <paramref name="DedupKey"/> makes it idempotent: a second request with the same key for the same user adds nothing.
/// </summary>
/// <param name="Kind">A short machine word the client can pick an icon by (<c>clinic_reminder</c>, <c>message</c>, …).</param>
/// <param name="Link">An API or app path the notification points to, e.g. <c>/api/v1/booths/{id}</c>.</param>
public sealed record NotificationRequested(Guid RecipientId, string Kind, string Title, string? Body, string? Link, string DedupKey) : IntegrationEvent;

/// <summary>What can be followed.</summary>
public enum FollowedKind
{
    Shop,
    Exhibition,
}

/// <summary>
/// Another module asks Engagement to tell everyone who follows a shop or an exhibition something (e.g. "the maker is
/// online at the booth now"). One notification per follower; idempotent per follower through <paramref name="DedupKey"/>.
/// </summary>
public sealed record FollowersNotificationRequested(FollowedKind Followed, Guid TargetId, string Kind, string Title, string? Body, string? Link, string DedupKey) : IntegrationEvent;
