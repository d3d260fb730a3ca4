using Marketplace.SharedKernel;

namespace Marketplace.Exhibitions.Exhibitions;

internal sealed record TierResponse(Guid Id, string Name, int Capacity, int Taken, int Available, Money? Price);

internal sealed record HallResponse(Guid Id, string Name, int Position);

/// <param name="StartsAt">In Asia/Jakarta time (+07:00).</param>
/// <param name="Status">draft, upcoming, live or ended; follows the clock once published.</param>
internal sealed record ExhibitionResponse(
    Guid Id,
    Guid OrganiserId,
    string Slug,
    string Title,
    string? Theme,
    string? Description,
    string CityCode,
    string? CityName,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string TimeZone,
    IReadOnlyList<string> Subsectors,
    IReadOnlyList<TierResponse> Tiers,
    IReadOnlyList<HallResponse> Halls,
    string? BannerUrl,
    ExhibitionStatus Status,
    DateTimeOffset? PublishedAt,
    long Version);
