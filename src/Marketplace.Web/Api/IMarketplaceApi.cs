using Refit;

namespace Marketplace.Web.Api;

/// <summary>
/// The part of the public /api/v1 the pages use, written by hand for Refit (its source generator builds the client at
/// compile time). Hand-written rather than generated from docs/openapi.json: the pages need a few dozen calls, a
/// generator would add a build-time tool and hundreds of types nobody reads, and the end-to-end tests against the real
/// API catch drift. Authorization, the guest cart token and the shopper's address are added by the handlers in
/// <see cref="ApiHandlers"/>, never by a page.
/// </summary>
internal interface IMarketplaceApi
{
    // Identity
    [Post("/api/v1/auth/login")]
    Task<TokenResponse> LoginAsync([Body] LoginRequest request, CancellationToken ct = default);

    [Post("/api/v1/auth/register")]
    Task<UserResponse> RegisterAsync([Body] RegisterRequest request, CancellationToken ct = default);

    [Post("/api/v1/auth/refresh")]
    Task<TokenResponse> RefreshAsync([Body] RefreshRequest request, CancellationToken ct = default);

    [Post("/api/v1/auth/logout")]
    Task LogoutAsync([Body] RefreshRequest request, CancellationToken ct = default);

    [Get("/api/v1/me")]
    Task<UserResponse> MeAsync(CancellationToken ct = default);

    // Taxonomy
    [Get("/api/v1/subsectors")]
    Task<IReadOnlyList<Subsector>> SubsectorsAsync(CancellationToken ct = default);

    [Get("/api/v1/regions/provinces")]
    Task<IReadOnlyList<Province>> ProvincesAsync(CancellationToken ct = default);

    [Get("/api/v1/regions/cities")]
    Task<IReadOnlyList<City>> CitiesAsync(string? q, string? province = null, CancellationToken ct = default);

    // Catalog
    [Get("/api/v1/products/{id}")]
    Task<Product> ProductAsync(Guid id, CancellationToken ct = default);

    [Get("/api/v1/shops/by-slug/{slug}")]
    Task<Shop> ShopAsync(string slug, CancellationToken ct = default);

    [Get("/api/v1/shops/by-slug/{slug}/products")]
    Task<Paged<Product>> ShopProductsAsync(string slug, int page, int pageSize, CancellationToken ct = default);

    // Search
    [Get("/api/v1/search/products")]
    Task<SearchResult> SearchAsync(
        string? q, string? subsector, string? city, long? minPrice, long? maxPrice, bool? halal, string? exhibition, string? shop,
        string? sort, int? page, int? pageSize, CancellationToken ct = default);

    [Get("/api/v1/search/suggest")]
    Task<Suggestions> SuggestAsync(string q, int limit, CancellationToken ct = default);

    // Cart
    [Get("/api/v1/cart")]
    Task<Cart> CartAsync(CancellationToken ct = default);

    [Post("/api/v1/cart/items")]
    Task<IApiResponse<Cart>> AddToCartAsync([Body] AddCartItem item, CancellationToken ct = default);

    [Patch("/api/v1/cart/items/{itemId}")]
    Task<Cart> UpdateCartItemAsync(Guid itemId, [Body] UpdateCartItem item, CancellationToken ct = default);

    [Delete("/api/v1/cart/items/{itemId}")]
    Task<Cart> RemoveCartItemAsync(Guid itemId, CancellationToken ct = default);

    [Post("/api/v1/cart/merge")]
    Task<Cart> MergeCartAsync([Header("X-Cart-Token")] string cartToken, CancellationToken ct = default);

    // Orders
    [Post("/api/v1/checkout")]
    Task<CheckoutResponse> CheckoutAsync([Header("Idempotency-Key")] string idempotencyKey, [Body] CheckoutRequest request, CancellationToken ct = default);

    [Get("/api/v1/checkout/payment-methods")]
    Task<PaymentMethods> PaymentMethodsAsync(CancellationToken ct = default);

    [Get("/api/v1/orders")]
    Task<Paged<Order>> OrdersAsync(int page, int pageSize, CancellationToken ct = default);

    [Get("/api/v1/orders")]
    Task<Paged<Order>> OrderGroupAsync(Guid orderGroupId, int pageSize = 50, CancellationToken ct = default);

    [Get("/api/v1/orders/{id}")]
    Task<Order> OrderAsync(Guid id, CancellationToken ct = default);

    [Post("/api/v1/orders/{id}/cancel")]
    Task<Order> CancelOrderAsync(Guid id, [Body] CancelOrderRequest request, CancellationToken ct = default);

    [Post("/api/v1/orders/{id}/complete")]
    Task<Order> CompleteOrderAsync(Guid id, CancellationToken ct = default);

    // Exhibitions
    [Get("/api/v1/exhibitions")]
    Task<Paged<Exhibition>> ExhibitionsAsync(string? status, string? city, int page, int pageSize, CancellationToken ct = default);

    [Get("/api/v1/exhibitions/by-slug/{slug}")]
    Task<Exhibition> ExhibitionAsync(string slug, CancellationToken ct = default);

    [Get("/api/v1/exhibitions/{id}")]
    Task<Exhibition> ExhibitionByIdAsync(Guid id, CancellationToken ct = default);

    [Get("/api/v1/exhibitions/{id}/booths/trending")]
    Task<TrendingBooths> TrendingBoothsAsync(Guid id, int top, CancellationToken ct = default);

    [Get("/api/v1/exhibitions/{id}/booths")]
    Task<Paged<BoothListItem>> BoothsAsync(Guid id, string? hall, string? subsector, string? q, int page, int pageSize, CancellationToken ct = default);

    [Get("/api/v1/booths/{id}")]
    Task<Booth> BoothAsync(Guid id, CancellationToken ct = default);

    [Post("/api/v1/booths/{id}/visits")]
    Task RecordVisitAsync(Guid id, [Body] RecordVisit visit, CancellationToken ct = default);

    [Post("/api/v1/booths/{id}/leads")]
    Task<LeadReceipt> SendLeadAsync(Guid id, [Body] CreateLead lead, CancellationToken ct = default);

    // Engagement: reviews, wishlist, follows, notifications
    [Get("/api/v1/products/{id}/reviews")]
    Task<Paged<Review>> ProductReviewsAsync(Guid id, string? sort, int? rating, int page, int pageSize, CancellationToken ct = default);

    [Get("/api/v1/shops/{shopId}/reviews")]
    Task<Paged<Review>> ShopReviewsAsync(Guid shopId, string? sort, int? rating, int page, int pageSize, CancellationToken ct = default);

    [Get("/api/v1/me/reviews")]
    Task<Paged<Review>> MyReviewsAsync(int page, int pageSize, CancellationToken ct = default);

    [Get("/api/v1/reviews/{id}")]
    Task<Review> ReviewAsync(Guid id, CancellationToken ct = default);

    [Post("/api/v1/reviews")]
    Task<Review> PostReviewAsync([Body] PostReview review, CancellationToken ct = default);

    [Patch("/api/v1/reviews/{id}")]
    Task<Review> EditReviewAsync(Guid id, [Body] EditReview review, CancellationToken ct = default);

    /// <summary>One photo of the caller's review, the bytes as the body (the API checks them and makes the variants).</summary>
    [Put("/api/v1/reviews/{id}/photos")]
    Task<Photo> PutReviewPhotoAsync(Guid id, [Body] HttpContent image, string alt, string altEn, string? filename, CancellationToken ct = default);

    /// <summary>Deletes one of the caller's uploaded images (here: a photo of their review).</summary>
    [Delete("/api/v1/media/images/{imageId}")]
    Task DeleteImageAsync(Guid imageId, CancellationToken ct = default);

    [Post("/api/v1/reviews/{id}/answer")]
    Task<Review> AnswerReviewAsync(Guid id, [Body] TextBody answer, CancellationToken ct = default);

    [Post("/api/v1/reviews/{id}/helpful")]
    Task VoteHelpfulAsync(Guid id, CancellationToken ct = default);

    [Delete("/api/v1/reviews/{id}/helpful")]
    Task WithdrawHelpfulAsync(Guid id, CancellationToken ct = default);

    [Post("/api/v1/reviews/{id}/reports")]
    Task ReportReviewAsync(Guid id, [Body] ReasonBody report, CancellationToken ct = default);

    [Get("/api/v1/me/shops")]
    Task<IReadOnlyList<MyShop>> MyShopsAsync(CancellationToken ct = default);

    [Get("/api/v1/me/wishlist")]
    Task<Paged<WishlistEntry>> WishlistAsync(int page, int pageSize, CancellationToken ct = default);

    [Put("/api/v1/me/wishlist/{productId}")]
    Task SaveToWishlistAsync(Guid productId, CancellationToken ct = default);

    [Delete("/api/v1/me/wishlist/{productId}")]
    Task RemoveFromWishlistAsync(Guid productId, CancellationToken ct = default);

    [Get("/api/v1/me/follows")]
    Task<Paged<Followed>> FollowsAsync(string? kind, int page, int pageSize, CancellationToken ct = default);

    [Put("/api/v1/me/follows/{kind}/{id}")]
    Task FollowAsync(string kind, Guid id, CancellationToken ct = default);

    [Delete("/api/v1/me/follows/{kind}/{id}")]
    Task UnfollowAsync(string kind, Guid id, CancellationToken ct = default);

    [Get("/api/v1/me/notifications")]
    Task<Paged<Notification>> NotificationsAsync(bool? unread, int page, int pageSize, CancellationToken ct = default);

    [Get("/api/v1/me/notifications/unread-count")]
    Task<UnreadCount> UnreadNotificationsAsync(CancellationToken ct = default);

    [Post("/api/v1/me/notifications/{id}/read")]
    Task MarkNotificationReadAsync(Guid id, CancellationToken ct = default);

    [Post("/api/v1/me/notifications/read-all")]
    Task MarkAllNotificationsReadAsync(CancellationToken ct = default);

    // Conversations and clinics
    [Get("/api/v1/conversations")]
    Task<Paged<ConversationSummary>> ConversationsAsync(string? side, int page, int pageSize, CancellationToken ct = default);

    [Get("/api/v1/conversations/{id}")]
    Task<ConversationSummary> ConversationAsync(Guid id, CancellationToken ct = default);

    [Get("/api/v1/exhibitions/{id}/clinics")]
    Task<IReadOnlyList<Clinic>> ClinicsAsync(Guid id, CancellationToken ct = default);

    [Post("/api/v1/clinic-slots/{id}/booking")]
    Task<ClinicBooking> BookClinicSlotAsync(Guid id, [Body] BookClinicSlot booking, CancellationToken ct = default);

    [Delete("/api/v1/clinic-slots/{id}/booking")]
    Task CancelClinicBookingAsync(Guid id, CancellationToken ct = default);

    [Get("/api/v1/me/clinic-bookings")]
    Task<IReadOnlyList<ClinicBooking>> MyClinicBookingsAsync(CancellationToken ct = default);

    [Get("/api/v1/me/mentored-clinics")]
    Task<IReadOnlyList<MentoredClinic>> MentoredClinicsAsync(CancellationToken ct = default);

    [Put("/api/v1/clinic-slots/{id}/follow-up")]
    Task<ClinicBooking> WriteFollowUpAsync(Guid id, [Body] FollowUpInput input, CancellationToken ct = default);
}

/// <summary>The search query; null values are left out of the URL, so the API applies its defaults.</summary>
public sealed record SearchQuery
{
    public string? Q { get; init; }
    public string? Subsector { get; init; }
    public string? City { get; init; }
    public long? MinPrice { get; init; }
    public long? MaxPrice { get; init; }
    public bool? Halal { get; init; }
    public string? Exhibition { get; init; }
    public string? Shop { get; init; }
    public string? Sort { get; init; }
    public int? Page { get; init; }
    public int? PageSize { get; init; }
}

internal static class MarketplaceApiExtensions
{
    public static Task<SearchResult> SearchAsync(this IMarketplaceApi api, SearchQuery query, CancellationToken ct = default) =>
        api.SearchAsync(query.Q, query.Subsector, query.City, query.MinPrice, query.MaxPrice, query.Halal,
            query.Exhibition, query.Shop, query.Sort, query.Page, query.PageSize, ct);
}
