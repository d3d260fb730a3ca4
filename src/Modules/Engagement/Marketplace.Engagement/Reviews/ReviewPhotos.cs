using Marketplace.Engagement.Contracts;
using Marketplace.Engagement.Persistence;
using Marketplace.Media.Contracts;
using Marketplace.SharedKernel.Events;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Engagement.Reviews;

/// <summary>
/// A review's photos are uploads of the Media module (<c>POST /reviews/{id}/photos</c>), owned by the review's author:
/// checked for being an image, stripped of EXIF and GPS, and served in phone-sized variants from the marketplace's own
/// host, never hot-linked from elsewhere. Responses show the ready ones; a list asks the gallery once for all its
/// reviews.
/// </summary>
internal sealed class ReviewPhotos(IMediaGallery gallery)
{
    public async Task<ReviewResponse> RespondAsync(Review review, CancellationToken ct, bool votedHelpful = false) =>
        (await RespondAsync([review], votedHelpful ? new HashSet<Guid> { review.Id } : null, ct))[0];

    /// <param name="votedHelpful">The reviews the caller voted helpful, or null for none.</param>
    public async Task<List<ReviewResponse>> RespondAsync(IReadOnlyList<Review> reviews, IReadOnlySet<Guid>? votedHelpful, CancellationToken ct)
    {
        if (reviews.Count == 0)
        {
            return [];
        }

        var sets = await gallery.GetAsync(MediaOwnerKind.Review, reviews.Select(r => r.Id).ToList(), ct);
        return reviews.Select(r => r.ToResponse(Ready(sets[r.Id]), votedHelpful?.Contains(r.Id) == true)).ToList();
    }

    // A photo still being processed has no URLs yet; the author sees it through the upload's answer and GET /media/images/{id}.
    private static List<MediaImageView> Ready(MediaSet set) =>
        set.InSlot(MediaSlot.Photo).Where(i => i.Status == MediaImageStatus.Ready).ToList();
}

/// <summary>The Media module asks who may change a review's photos: its author, while the review is visible.</summary>
internal sealed class ReviewAuthors(EngagementDbContext db) : IReviewAuthors
{
    public Task<Guid?> GetAuthorOfAsync(Guid reviewId, CancellationToken ct) =>
        db.Reviews.AsNoTracking().Where(r => r.Id == reviewId && r.Status == ReviewStatus.Visible).Select(r => (Guid?)r.AuthorId).SingleOrDefaultAsync(ct);
}

/// <summary>
/// A review's photos changed (one uploaded, processed, reordered or deleted): <see cref="Review.HasPhotos"/> is set from
/// what the Media module holds now, not from the event, so a redelivered or reordered event changes nothing wrong and
/// no inbox is needed. "With photos first" then sorts on that indexed column.
/// </summary>
internal sealed class ReviewPhotosChanged(IMediaGallery gallery, EngagementDbContext db) : IIntegrationEventHandler<MediaChanged>
{
    public async Task HandleAsync(MediaChanged e, CancellationToken ct)
    {
        if (e.OwnerKind != MediaOwnerKind.Review)
        {
            return;
        }

        var hasPhotos = (await gallery.ReadyCoversAsync(MediaOwnerKind.Review, [e.OwnerId], MediaSlot.Photo, ct)).ContainsKey(e.OwnerId);
        await db.Reviews.Where(r => r.Id == e.OwnerId && r.HasPhotos != hasPhotos).ExecuteUpdateAsync(s => s.SetProperty(r => r.HasPhotos, hasPhotos), ct);
    }
}
