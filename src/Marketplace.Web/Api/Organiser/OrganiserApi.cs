using System.Text.Json;
using System.Text.Json.Serialization;
using Refit;

namespace Marketplace.Web.Api.Organiser;

/// <summary>
/// The organiser's part of /api/v1 (exhibitions, applications, analytics, the banner upload) and the insights API, kept
/// apart from <see cref="IMarketplaceApi"/> so the shoppers' client stays small. Same handlers: the token, language and
/// address are added for the page.
/// </summary>
internal interface IOrganiserApi
{
    [Get("/api/v1/me/exhibitions")]
    Task<IReadOnlyList<OrganiserExhibition>> MyExhibitionsAsync(CancellationToken ct = default);

    [Get("/api/v1/exhibitions/{id}")]
    Task<OrganiserExhibition> ExhibitionAsync(Guid id, CancellationToken ct = default);

    [Post("/api/v1/exhibitions")]
    Task<OrganiserExhibition> CreateExhibitionAsync([Header("Idempotency-Key")] string idempotencyKey, [Body] ExhibitionInput input, CancellationToken ct = default);

    [Patch("/api/v1/exhibitions/{id}")]
    Task<OrganiserExhibition> UpdateExhibitionAsync(Guid id, [Body] ExhibitionInput input, CancellationToken ct = default);

    [Post("/api/v1/exhibitions/{id}/publish")]
    Task<OrganiserExhibition> PublishExhibitionAsync(Guid id, CancellationToken ct = default);

    [Multipart]
    [Post("/api/v1/exhibitions/{id}/banner")]
    Task<MediaImage> UploadBannerAsync(Guid id, [AliasAs("file")] StreamPart file, [AliasAs("alt")] string alt, [AliasAs("altEn")] string altEn, CancellationToken ct = default);

    [Get("/api/v1/media/images/{imageId}")]
    Task<MediaImage> ImageAsync(Guid imageId, CancellationToken ct = default);

    [Get("/api/v1/exhibitions/{id}/booth-applications")]
    Task<Paged<BoothApplication>> ApplicationsAsync(Guid id, string? status, int page, int pageSize, CancellationToken ct = default);

    [Post("/api/v1/booth-applications/{id}/approve")]
    Task ApproveAsync(Guid id, [Body] ApproveApplication request, CancellationToken ct = default);

    [Post("/api/v1/booth-applications/{id}/reject")]
    Task RejectAsync(Guid id, [Body] RejectApplication request, CancellationToken ct = default);

    [Get("/api/v1/exhibitions/{id}/analytics")]
    Task<ExhibitionAnalytics> AnalyticsAsync(Guid id, CancellationToken ct = default);

    [Get("/api/v1/exhibitions/{id}/exports/{table}")]
    Task<HttpResponseMessage> ExportAsync(Guid id, string table, string format, CancellationToken ct = default);

    [Post("/api/v1/exhibitions/{id}/clinics")]
    Task<Clinic> ScheduleClinicAsync(Guid id, [Body] ScheduleClinicInput input, CancellationToken ct = default);

    [Get("/api/v1/clinics/{id}/bookings")]
    Task<IReadOnlyList<ClinicBooking>> ClinicBookingsAsync(Guid id, CancellationToken ct = default);

    [Get("/api/v1/clinics/{id}/bookings")]
    Task<HttpResponseMessage> ClinicBookingsExportAsync(Guid id, string format, CancellationToken ct = default);

    [Get("/api/v1/insights/export")]
    Task<HttpResponseMessage> InsightsExportAsync(string format, string? province, string? city, string? subsector, string? from, string? to, CancellationToken ct = default);

    [Get("/api/v1/insights/summary")]
    Task<InsightsSummary> InsightsAsync(string? province, string? city, string? subsector, string? from, string? to, CancellationToken ct = default);
}

public sealed record OrganiserTier(Guid Id, string Name, int Capacity, int Taken, int Available, Money? Price);

public sealed record OrganiserExhibition(
    Guid Id, Guid OrganiserId, string Slug, string Title, string? Theme, string? Description, string CityCode, string? CityName,
    DateTimeOffset StartsAt, DateTimeOffset EndsAt, string TimeZone, IReadOnlyList<string> Subsectors, IReadOnlyList<OrganiserTier> Tiers,
    IReadOnlyList<Hall> Halls, string? BannerUrl, string Status, DateTimeOffset? PublishedAt);

public sealed record TierInput(string? Name, int? Capacity);

public sealed record HallInput(string? Name);

/// <summary>Create or edit; on edit, null fields are left as they are (tiers and halls only while a draft).</summary>
public sealed record ExhibitionInput(
    string? Title, string? Theme, string? Description, string? CityCode, string? StartsAt, string? EndsAt,
    IReadOnlyList<string>? Subsectors, IReadOnlyList<TierInput>? Tiers, IReadOnlyList<HallInput>? Halls, string? BannerUrl);

public sealed record MediaImage(Guid Id, string Status, string? Thumbnail, string? Card, string? Full);

public sealed record BoothApplication(
    Guid Id, Guid ExhibitionId, Guid ShopId, string ShopName, string ShopSlug, string Tier, string? HallPreference, string Pitch,
    string Status, string? RejectionReason, Guid? BoothId, DateTimeOffset CreatedAt, DateTimeOffset? DecidedAt);

public sealed record ApproveApplication(string? Hall);

public sealed record RejectApplication(string? Reason);

public sealed record LeadCounts(long Total, IReadOnlyDictionary<string, long> ByKind, IReadOnlyDictionary<string, long> ByStatus);

public sealed record SalesSummary(long Orders, long Lines, long Quantity, Money Amount);

public sealed record BoothStats(Guid BoothId, string ShopName, string Subsector, long Visits, long UniqueVisitors, long Leads, long AddToCarts, long Sales, Money SalesAmount);

public sealed record TrendingBooth(Guid BoothId, string ShopName, long RecentVisits);

public sealed record SubsectorStats(string Subsector, int Booths, long Visits, long UniqueVisitors, long Leads, long AddToCarts, long Sales, Money SalesAmount);

public sealed record DayStats(string Date, long Visits, long Leads, long AddToCarts, long Sales, Money SalesAmount);

public sealed record ExhibitionAnalytics(
    Guid ExhibitionId, long Visits, long UniqueVisitors, LeadCounts Leads, long AddToCarts, long AddToCartQuantity, SalesSummary Sales,
    IReadOnlyList<BoothStats> TopBooths, IReadOnlyList<TrendingBooth> Trending, IReadOnlyList<SubsectorStats> BySubsector,
    IReadOnlyList<DayStats> ByDay, DateTimeOffset GeneratedAt);

public sealed record InsightsRow(
    string Key, string Label, long ActiveShops, long ProductsListed, long Orders, long PaidGmv, long Buyers, long RepeatBuyers,
    long BuyersOutsideCity, long BuyersOutsideProvince, long BuyersAbroad);

public sealed record InsightsMonth(string Month, long Orders, long PaidGmv);

public sealed record InsightsExhibitions(long Exhibitions, long Booths, long Leads, long AttributedOrders, long AttributedSales);

public sealed record InsightsSummary(
    string? Province, string? City, string? Subsector, string From, string To, string Currency, InsightsRow Total,
    IReadOnlyList<InsightsRow> ByRegion, IReadOnlyList<InsightsRow> BySubsector, IReadOnlyList<InsightsMonth> ByMonth,
    InsightsExhibitions ExhibitionOutcomes, DateTimeOffset GeneratedAt);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(IReadOnlyList<OrganiserExhibition>))]
[JsonSerializable(typeof(OrganiserExhibition))]
[JsonSerializable(typeof(ExhibitionInput))]
[JsonSerializable(typeof(MediaImage))]
[JsonSerializable(typeof(Paged<BoothApplication>))]
[JsonSerializable(typeof(ApproveApplication))]
[JsonSerializable(typeof(RejectApplication))]
[JsonSerializable(typeof(ExhibitionAnalytics))]
[JsonSerializable(typeof(InsightsSummary))]
[JsonSerializable(typeof(Clinic))]
[JsonSerializable(typeof(ScheduleClinicInput))]
[JsonSerializable(typeof(IReadOnlyList<ClinicBooking>))]
internal sealed partial class OrganiserJsonContext : JsonSerializerContext;
