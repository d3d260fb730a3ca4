namespace Marketplace.Web.Api.Seller;

// The shapes the seller centre and the admin pages send and read, written by hand: only the fields a page uses (unknown
// fields are ignored). Public only because Razor components are.

public sealed record MediaImage(
    Guid Id, string Slot, string Status, string? Thumbnail, string? Card, string? Full, string Alt, string AltEn, bool Cover, int Position);

public sealed record SellerShop(
    Guid Id, string Slug, string Name, string? Story, CityRef City, IReadOnlyList<CodeName> Subsectors, string? ContactPhone,
    string? ContactEmail, Money ShippingFlatRate, string Status, bool Verified, DateTimeOffset? VerifiedAt, MediaImage? Logo,
    MediaImage? Banner, DateTimeOffset CreatedAt, string? SuspensionReason = null);

public sealed record MoneyInput(long? Amount, string Currency = "IDR");

public sealed record ShopInput(
    string? Name, string? CityCode, IReadOnlyList<string>? Subsectors, string? Story, string? ContactPhone, string? ContactEmail,
    MoneyInput? ShippingFlatRate);

public sealed record SellerProduct(
    Guid Id, Guid ShopId, string Name, string? NameEn, string? Description, string? DescriptionEn, string? Story, Money Price,
    CodeName Subsector, string? Category, int Stock, ProductAttributes Attributes, CityRef? OriginCity, IReadOnlyList<MediaImage>? Images,
    string Status, DateTimeOffset UpdatedAt);

public sealed record AttributesInput(string? HalalCertificate, string? PirtNumber, string? BpomNumber, int? ShelfLifeDays, IReadOnlyList<string>? Materials, bool? Handmade);

public sealed record ProductInput(
    string? Name, string? NameEn, string? Description, string? DescriptionEn, string? Story, MoneyInput? Price, string? Subsector,
    string? Category, int? Stock, AttributesInput? Attributes);

public sealed record StockInput(int? Quantity);

public sealed record ReorderImages(IReadOnlyList<Guid> ImageIds);

public sealed record DescribeImage(string? Alt, string? AltEn);

public sealed record SellerOrderLine(Guid Id, Guid ProductId, string Name, string? ImageUrl, Money UnitPrice, int Quantity, Money LineTotal, Guid? BoothId);

public sealed record SellerAddress(string? Recipient, string? Phone, string? Line1, string? CityCode, string? CityName, string? PostalCode);

public sealed record SellerOrder(
    Guid Id, OrderShopRef Shop, string Status, string PaymentMethod, IReadOnlyList<SellerOrderLine> Lines, Money Subtotal, Money Shipping,
    Money Discount, Money Total, string? Carrier, string? TrackingNumber, DateTimeOffset CreatedAt, DateTimeOffset? PaymentDueAt,
    DateTimeOffset? PaidAt, DateTimeOffset? ShippedAt, string? CancelReason, IReadOnlyList<OrderTransition> History,
    SellerAddress? ShippingAddress = null);

public sealed record ShipInput(string? Carrier, string? TrackingNumber);

public sealed record SellerVoucher(
    Guid Id, string Code, string Kind, long Value, string Currency, DateTimeOffset ValidFrom, DateTimeOffset ValidUntil, int? UsageLimit, int TimesUsed);

public sealed record VoucherInput(string? Code, string? Kind, long? Value, string Currency, DateTimeOffset? ValidFrom, DateTimeOffset? ValidUntil, int? UsageLimit);

public sealed record BoothApplication(
    Guid Id, Guid ExhibitionId, Guid ShopId, string ShopName, string Tier, string? HallPreference, string Pitch, IReadOnlyList<Guid> ProductIds,
    string Status, string? RejectionReason, Guid? BoothId, DateTimeOffset CreatedAt, DateTimeOffset? DecidedAt);

public sealed record ApplyInput(Guid ShopId, string? Tier, string? Hall, string? Pitch, IReadOnlyList<Guid>? ProductIds);

public sealed record DocumentInput(string? Title, string? Url);

public sealed record LiveSessionInput(string? Title, string? StartsAt, string? EndsAt, string? StreamUrl);

public sealed record DressInput(
    string? BannerUrl, string? Story, IReadOnlyList<Guid>? FeaturedProductIds, string? VideoUrl, IReadOnlyList<DocumentInput>? Documents,
    IReadOnlyList<LiveSessionInput>? LiveSessions, string? PromoCode);

public sealed record SellerLead(
    Guid Id, Guid BoothId, string Kind, string Name, string Contact, string? Company, string? Message, string? ProductName, int? Quantity,
    string? ShippingCityCode, string Status, Money? QuotedPrice, string? Note, DateTimeOffset CreatedAt);

public sealed record LeadInput(string? Status, MoneyInput? QuotedPrice, string? Note);

public sealed record LeadTotals(long Total, IReadOnlyDictionary<string, long> ByKind, IReadOnlyDictionary<string, long> ByStatus);

public sealed record SalesTotals(long Orders, long Quantity, Money Amount);

public sealed record DayTotals(string Date, long Visits, long Leads, long AddToCarts, long Sales, Money SalesAmount);

public sealed record BoothAnalytics(
    long Visits, long UniqueVisitors, LeadTotals Leads, long AddToCarts, SalesTotals Sales, IReadOnlyList<DayTotals> ByDay, DateTimeOffset GeneratedAt);

public sealed record ShopBalance(Money Pending, Money Available, Money InPayout, Money PaidOut);

public sealed record StatementEntry(long Id, DateTimeOffset At, string Kind, string Account, Guid? OrderId, Money Amount, Money BalanceAfter);

public sealed record ShopStatement(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<StatementEntry> Items, int Page, int PageSize, int Total);

public sealed record Bank(string Code, string Name, int MinDigits, int MaxDigits);

public sealed record BankAccount(string BankCode, string BankName, string AccountNumberMasked, string HolderName);

public sealed record BankAccountInput(string? BankCode, string? AccountNumber, string? HolderName);

public sealed record PayoutInput(MoneyInput? Amount);

public sealed record Payout(
    Guid Id, Money Amount, string Status, string BankCode, string AccountNumberMasked, string? TransferReference, string? FailureReason,
    bool Scheduled, DateTimeOffset RequestedAt, DateTimeOffset? PaidAt);

public sealed record ReasonInput(string? Reason);

public sealed record AdminUser(Guid Id, string Email, string DisplayName, string Role, string Status, DateTimeOffset CreatedAt);
