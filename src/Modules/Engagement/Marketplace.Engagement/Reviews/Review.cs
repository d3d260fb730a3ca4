using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Engagement.Reviews;

internal enum ReviewStatus
{
    Visible,
    Hidden,
}

/// <summary>
/// A verified buyer's review of one purchased order line: a rating, sanitized text, optional photos (uploads of the
/// Media module, owned by the review's author: see <see cref="ReviewPhotos"/>), and at most one
/// public answer from the shop. The store allows one review per order line (unique index), so of two racing posts of
/// the same line exactly one is kept. Hidden reviews (by an admin, with a reason) leave the public lists and the
/// rating aggregates.
/// </summary>
internal sealed class Review
{
    public const int MaxTextLength = 5_000;
    public const int MaxAnswerLength = 2_000;
    private Review()
    {
    }

    public Review(Guid id, Guid orderLineId, Guid orderId, Guid productId, Guid shopId, Guid authorId, string authorName, DateTimeOffset now)
    {
        Id = id;
        OrderLineId = orderLineId;
        OrderId = orderId;
        ProductId = productId;
        ShopId = shopId;
        AuthorId = authorId;
        AuthorName = authorName;
        CreatedAt = now;
        UpdatedAt = now;
        Status = ReviewStatus.Visible;
    }

    public Guid Id { get; private set; }

    public Guid OrderLineId { get; private set; }

    public Guid OrderId { get; private set; }

    public Guid ProductId { get; private set; }

    public Guid ShopId { get; private set; }

    public Guid AuthorId { get; private set; }

    public string AuthorName { get; private set; } = "";

    public int Rating { get; private set; }

    /// <summary>Sanitized rich text.</summary>
    public string? Text { get; private set; }

    /// <summary>
    /// Whether the review has a ready photo: the photos live in the Media module, this copy is set from its
    /// <c>MediaChanged</c> events (<see cref="ReviewPhotosChanged"/>) so "with photos first" sorts on a plain column.
    /// </summary>
    public bool HasPhotos { get; private set; }

    public int HelpfulCount { get; private set; }

    public int ReportCount { get; private set; }

    public ReviewStatus Status { get; private set; }

    public string? HiddenReason { get; private set; }

    public DateTimeOffset? HiddenAt { get; private set; }

    /// <summary>The shop's one public answer (sanitized rich text).</summary>
    public string? Answer { get; private set; }

    public DateTimeOffset? AnsweredAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public DateTimeOffset? EditedAt { get; private set; }

    public void Write(int rating, string? text)
    {
        Rating = rating;
        Text = text;
    }

    /// <summary>The author may edit for <paramref name="window"/> after posting.</summary>
    public bool CanBeEditedAt(DateTimeOffset now, TimeSpan window) => now - CreatedAt <= window;

    public void Edited(DateTimeOffset now)
    {
        EditedAt = now;
        UpdatedAt = now;
    }

    public void AnswerWith(string answer, DateTimeOffset now)
    {
        Answer = answer;
        AnsweredAt = now;
        UpdatedAt = now;
    }

    public void Hide(string reason, DateTimeOffset now)
    {
        Status = ReviewStatus.Hidden;
        HiddenReason = reason;
        HiddenAt = now;
        UpdatedAt = now;
    }

    public void Show(DateTimeOffset now)
    {
        Status = ReviewStatus.Visible;
        HiddenReason = null;
        HiddenAt = null;
        UpdatedAt = now;
    }
}

/// <summary>One "helpful" vote: one per user per review (the primary key).</summary>
internal sealed class ReviewVote
{
    public Guid ReviewId { get; set; }

    public Guid UserId { get; set; }

    public DateTimeOffset At { get; set; }
}

/// <summary>A signed-in user's report of a review, with a reason; one per user per review.</summary>
internal sealed class ReviewReport
{
    public const int MaxReasonLength = 500;

    public Guid Id { get; set; }

    public Guid ReviewId { get; set; }

    public Guid ReporterId { get; set; }

    public string Reason { get; set; } = "";

    public DateTimeOffset At { get; set; }

    /// <summary>Set when an admin hid or kept the review, so the moderation queue shows only open reports.</summary>
    public DateTimeOffset? ResolvedAt { get; set; }
}

internal sealed class ReviewConfiguration : IEntityTypeConfiguration<Review>
{
    public void Configure(EntityTypeBuilder<Review> b)
    {
        b.ToTable("engagement_reviews");
        b.HasKey(r => r.Id);
        // One review per purchased line: the database decides between racing posts.
        b.HasIndex(r => r.OrderLineId).IsUnique();
        b.HasIndex(r => new { r.ProductId, r.Status, r.CreatedAt });
        b.HasIndex(r => new { r.ShopId, r.Status, r.CreatedAt });
        b.HasIndex(r => new { r.ProductId, r.Status, r.HasPhotos, r.CreatedAt });
        b.HasIndex(r => new { r.AuthorId, r.CreatedAt });
        b.Property(r => r.AuthorName).HasMaxLength(100).IsRequired();
        b.Property(r => r.Text).HasMaxLength(Review.MaxTextLength * 2);
        b.Property(r => r.Answer).HasMaxLength(Review.MaxAnswerLength * 2);
        b.Property(r => r.HiddenReason).HasMaxLength(ReviewReport.MaxReasonLength);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
    }
}

internal sealed class ReviewVoteConfiguration : IEntityTypeConfiguration<ReviewVote>
{
    public void Configure(EntityTypeBuilder<ReviewVote> b)
    {
        b.ToTable("engagement_review_votes");
        b.HasKey(v => new { v.ReviewId, v.UserId });
    }
}

internal sealed class ReviewReportConfiguration : IEntityTypeConfiguration<ReviewReport>
{
    public void Configure(EntityTypeBuilder<ReviewReport> b)
    {
        b.ToTable("engagement_review_reports");
        b.HasKey(r => r.Id);
        b.HasIndex(r => new { r.ReviewId, r.ReporterId }).IsUnique();
        b.HasIndex(r => new { r.ResolvedAt, r.ReviewId });
        b.Property(r => r.Reason).HasMaxLength(ReviewReport.MaxReasonLength).IsRequired();
    }
}
