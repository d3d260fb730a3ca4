using System.Text.Json.Serialization;

namespace Marketplace.Web.Api;

// Public only because Razor components (always public) take them as parameters. The shapes the pages read from the public /api/v1, written by hand: only the fields a page uses. Unknown fields are
// ignored, so the API can grow without breaking the web.

public sealed record Money(long Amount, string Currency);

public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total)
{
    public int Pages => PageSize <= 0 ? 0 : (Total + PageSize - 1) / PageSize;
}

public sealed record TokenResponse(string AccessToken, string RefreshToken, DateTimeOffset ExpiresAt);

public sealed record LoginRequest(string Email, string Password);

public sealed record RegisterRequest(string Email, string Password, string DisplayName, string Role);

public sealed record RefreshRequest(string RefreshToken);

public sealed record UserResponse(Guid Id, string Email, string DisplayName, string Role);

public sealed record CodeName(string Code, string Name);

public sealed record Subsector(string Code, string Name, string NameEn);

public sealed record Province(string Code, string Name);

public sealed record City(string Code, string Name, string ProvinceCode);

public sealed record CityRef(string Code, string Name, string ProvinceCode, string ProvinceName);

public sealed record ShopRef(Guid Id, string Slug, string Name, bool Verified);

public sealed record ProductAttributes(
    string? HalalCertificate, string? PirtNumber, string? BpomNumber, int? ShelfLifeDays, IReadOnlyList<string>? Materials, bool? Handmade);

public sealed record Product(
    Guid Id, Guid ShopId, ShopRef Shop, string Name, string? NameEn, string? Description, string? DescriptionEn, string? Story,
    Money Price, CodeName Subsector, string? Category, int Stock, bool InStock, ProductAttributes Attributes, CityRef? OriginCity,
    IReadOnlyList<string> ImageUrls, string Status, DateTimeOffset UpdatedAt, Rating? Rating = null, IReadOnlyList<Photo>? Images = null)
{
    /// <summary>The photos to show: the uploaded ones whose variants exist, else the merchant's own image URLs.</summary>
    public IReadOnlyList<Photo> Shown =>
        Images?.Where(i => i.Ready).OrderByDescending(i => i.Cover).ThenBy(i => i.Position).ToList() is { Count: > 0 } ready ? ready
        : ImageUrls.Select((url, i) => new Photo(Guid.Empty, "ready", url, url, url, 640, 480, "", "", i == 0, i)).ToList();
}

/// <summary>
/// An uploaded picture (Media module): variant URLs once processed, the original's size (for the aspect ratio the page
/// reserves before it loads) and alt text in both languages.
/// </summary>
public sealed record Photo(
    Guid Id, string Status, string? Thumbnail, string? Card, string? Full, int Width, int Height, string Alt, string AltEn, bool Cover, int Position)
{
    public bool Ready => Status == "ready" && Card is not null;

    public string AltIn(bool english) => english && AltEn.Length > 0 ? AltEn : Alt;
}

public sealed record Shop(
    Guid Id, string Slug, string Name, string? Story, CityRef City, IReadOnlyList<CodeName> Subsectors, Money ShippingFlatRate,
    string Status, bool Verified, DateTimeOffset UpdatedAt, Rating? Rating = null, Photo? Logo = null, Photo? Banner = null);

public sealed record SearchHit(
    Guid ProductId, string Name, string? NameEn, Money Price, ShopRefLite Shop, CodeName City, CodeName Subsector, bool InStock, bool Halal,
    string? ImageUrl, IReadOnlyDictionary<string, IReadOnlyList<string>>? Highlights);

public sealed record ShopRefLite(Guid Id, string Slug, string Name);

public sealed record FacetValue(string Value, string? Label, int Count);

public sealed record PriceRange(long? From, long? To, int Count);

public sealed record Facets(IReadOnlyList<FacetValue> Subsector, IReadOnlyList<FacetValue> City, IReadOnlyList<FacetValue> Halal, IReadOnlyList<PriceRange> PriceRanges);

public sealed record SearchResult(IReadOnlyList<SearchHit> Items, int Page, int PageSize, int Total, Facets? Facets)
{
    public int Pages => PageSize <= 0 ? 0 : (Total + PageSize - 1) / PageSize;
}

public sealed record Suggestion(string Text, Guid ProductId);

public sealed record Suggestions(IReadOnlyList<Suggestion> Items)
{
    [JsonPropertyName("suggestions")]
    public IReadOnlyList<Suggestion> Items { get; init; } = Items;
}

public sealed record CartLine(
    Guid Id, Guid ProductId, string Name, string? ImageUrl, int Quantity, Money UnitPrice, Money UnitPriceSeen, Money LineTotal,
    Guid? BoothId, bool PriceChanged, bool StockShort, int Available, bool Unavailable);

public sealed record CartShop(Guid ShopId, string ShopName, string ShopSlug, IReadOnlyList<CartLine> Lines, Money Subtotal);

public sealed record Cart(string? Token, IReadOnlyList<CartShop> Shops, Money Total, int ItemCount)
{
    public static Cart Empty { get; } = new(null, [], new Money(0, "IDR"), 0);
}

public sealed record AddCartItem(Guid ProductId, int Quantity, Guid? BoothId);

public sealed record UpdateCartItem(int Quantity);

public sealed record ShippingAddress(string? Recipient, string? Phone, string? Line1, string? CityCode, string? PostalCode);

/// <param name="SuccessUrl">Card: pay on Stripe's hosted page and come back here ({ORDER_GROUP_ID} filled in by the API).</param>
public sealed record CheckoutRequest(ShippingAddress ShippingAddress, string PaymentMethod, string? VoucherCode, string? SuccessUrl = null, string? CancelUrl = null);

/// <param name="CheckoutUrl">Card with return addresses: Stripe's hosted payment page.</param>
public sealed record Payment(string Method, string? Instructions, string? ClientSecret, string? PaymentIntentId, DateTimeOffset PaymentDueAt, string? CheckoutUrl = null);

public sealed record PaymentMethods(IReadOnlyList<string> Methods);

public sealed record OrderShopRef(Guid Id, string Name, string Slug);

public sealed record OrderLine(Guid Id, Guid ProductId, string Name, string? ImageUrl, Money UnitPrice, int Quantity, Money LineTotal, Guid? BoothId);

public sealed record OrderTransition(string? From, string To, DateTimeOffset At, string ActorRole, string? Note);

public sealed record Order(
    Guid Id, Guid OrderGroupId, OrderShopRef Shop, string Status, string PaymentMethod, IReadOnlyList<OrderLine> Lines, Money Subtotal,
    Money Shipping, Money Discount, Money Total, string? Carrier, string? TrackingNumber, DateTimeOffset CreatedAt, DateTimeOffset? PaymentDueAt,
    string? CancelReason, IReadOnlyList<OrderTransition> History);

public sealed record CheckoutResponse(Guid OrderGroupId, IReadOnlyList<Order> Orders, Money Discount, Money Total, Payment Payment);

public sealed record CancelOrderRequest(string? Reason);

public sealed record Hall(Guid Id, string Name, int Position);

public sealed record Tier(Guid Id, string Name, int Capacity, int Taken, int Available);

public sealed record Exhibition(
    Guid Id, string Slug, string Title, string? Theme, string? Description, string CityCode, string? CityName, DateTimeOffset StartsAt,
    DateTimeOffset EndsAt, string TimeZone, IReadOnlyList<string> Subsectors, IReadOnlyList<Tier> Tiers, IReadOnlyList<Hall> Halls,
    string? BannerUrl, string Status);

/// <summary>The hall's trending booths, most visited over the last <paramref name="WindowHours"/> first.</summary>
public sealed record TrendingBooths(IReadOnlyList<BoothListItem> Items, int WindowHours);

public sealed record BoothListItem(
    Guid Id, Guid ShopId, string ShopName, string ShopSlug, string Hall, int Slot, string Tier, IReadOnlyList<string> Subsectors,
    string? BannerUrl, bool HasPromo, bool HasLiveSessions);

public sealed record FeaturedProduct(Guid Id, string Name, Money Price, bool InStock, string? ImageUrl, string ShopSlug);

public sealed record BoothDocument(string Title, string Url);

public sealed record LiveSession(string Title, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string StreamUrl, bool OnAir);

public sealed record Promo(string Code, string Kind, long Value, string Currency, DateTimeOffset ValidFrom, DateTimeOffset ValidUntil, bool Active);

public sealed record Booth(
    Guid Id, Guid ExhibitionId, string ExhibitionSlug, string ExhibitionTitle, string ExhibitionStatus, Guid ShopId, string ShopName,
    string ShopSlug, string Tier, string Hall, int Slot, IReadOnlyList<string> Subsectors, string? BannerUrl, string? Story,
    IReadOnlyList<FeaturedProduct> FeaturedProducts, string? VideoUrl, IReadOnlyList<BoothDocument> Documents,
    IReadOnlyList<LiveSession> LiveSessions, Promo? Promo, string Status);

public sealed record RecordVisit(string? VisitorId);

public sealed record CreateLead(
    string Kind, string? Name, string? Contact, string? Company, string? Message, Guid? ProductId, int? Quantity, string? ShippingCityCode);

public sealed record LeadReceipt(Guid Id, Guid BoothId, string Kind, string Status);

/// <summary>A product's or shop's rating aggregate; <see cref="Distribution"/> counts 1★ … 5★.</summary>
public sealed record Rating(double Average, int Count, IReadOnlyList<int>? Distribution);

public sealed record ShopAnswer(string Text, DateTimeOffset At);

public sealed record Review(
    Guid Id, Guid ProductId, Guid ShopId, Guid OrderLineId, string AuthorName, int Rating, string? Text, IReadOnlyList<Photo> Photos,
    int HelpfulCount, bool VotedHelpful, ShopAnswer? ShopAnswer, string Status, string? HiddenReason, DateTimeOffset CreatedAt,
    DateTimeOffset? EditedAt);

public sealed record PostReview(Guid OrderLineId, int? Rating, string? Text);

public sealed record EditReview(int? Rating, string? Text);

public sealed record TextBody(string? Text);

public sealed record ReasonBody(string? Reason);

public sealed record MyShop(Guid Id, string Slug, string Name);

public sealed record WishlistEntry(
    Guid ProductId, string Name, Money Price, string? ImageUrl, Guid ShopId, string ShopSlug, string ShopName, bool Available, DateTimeOffset AddedAt);

public sealed record Followed(string Kind, Guid TargetId, DateTimeOffset FollowedAt);

public sealed record Notification(Guid Id, string Kind, string Title, string? Body, string? Link, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt);

public sealed record UnreadCount(int Unread);

public sealed record ConversationSummary(
    Guid Id, Guid ShopId, string ShopName, Guid? BoothId, string VisitorName, string You, long LastSeq, int Unread, string? LastMessagePreview,
    DateTimeOffset LastMessageAt);

public sealed record ClinicSlot(Guid Id, DateTimeOffset StartsAt, DateTimeOffset EndsAt, bool Available, bool Yours);

public sealed record Clinic(Guid Id, Guid ExhibitionId, string Topic, string Title, string MentorName, DateTimeOffset StartsAt, int SlotMinutes, IReadOnlyList<ClinicSlot> Slots);

public sealed record BookClinicSlot(Guid ShopId);

public sealed record ClinicBooking(
    Guid SlotId, Guid ClinicId, string ClinicTitle, string Topic, string MentorName, Guid ExhibitionId, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    Guid ShopId, string ShopName, DateTimeOffset BookedAt, string? FollowUpNote, DateTimeOffset? FollowUpAt);

/// <summary>What the organiser schedules: <c>startsAt</c> is sent as typed with the exhibition's offset, numbers as parsed (null if not).</summary>
public sealed record ScheduleClinicInput(
    string? Topic, string? Title, string? MentorName, Guid? MentorUserId, string? StartsAt, int? SlotMinutes, int? SlotCount);

public sealed record FollowUpInput(string? Note);

/// <summary>A clinic the signed-in user mentors, with its booked slots.</summary>
public sealed record MentoredClinic(
    Guid Id, Guid ExhibitionId, string Topic, string Title, string MentorName, DateTimeOffset StartsAt, int SlotMinutes, int SlotCount,
    IReadOnlyList<ClinicBooking> Bookings);
