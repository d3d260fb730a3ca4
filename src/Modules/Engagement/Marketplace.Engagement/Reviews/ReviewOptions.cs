namespace Marketplace.Engagement.Reviews;

/// <summary><c>Engagement:Reviews</c>: when a purchase may be reviewed, how long a review stays editable, posting limits.</summary>
internal sealed class ReviewOptions
{
    /// <summary>A shipped order counts as delivered this long after shipping (the order may be reviewed before the buyer marks it completed).</summary>
    public TimeSpan ReviewableAfterShipping { get; set; } = TimeSpan.FromDays(7);

    public TimeSpan EditWindow { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Reviews posted per client address per hour (all accounts behind it).</summary>
    public int PostsPerAddressPerHour { get; set; } = 30;

    /// <summary>Reviews posted per account per hour.</summary>
    public int PostsPerAccountPerHour { get; set; } = 10;
}
