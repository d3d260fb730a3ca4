using Marketplace.Exhibitions.Contracts;
using Marketplace.Exhibitions.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Exhibitions.Booths;

/// <summary>What Search asks on a reindex (a shop's exhibitions) and Media asks before an upload (who runs a booth or an exhibition).</summary>
internal sealed class ExhibitorDirectory(ExhibitionsDbContext db) : IExhibitorDirectory
{
    public async Task<IReadOnlyList<ExhibitionRef>> GetExhibitionsOfShopAsync(Guid shopId, CancellationToken ct) =>
        await db.Booths.AsNoTracking()
            .Where(b => b.ShopId == shopId && b.Status == BoothStatus.Open)
            .OrderBy(b => b.OpenedAt)
            .Select(b => new ExhibitionRef(b.ExhibitionId, b.ExhibitionSlug))
            .ToListAsync(ct);

    public Task<BoothOwnership?> GetBoothOwnershipAsync(Guid boothId, CancellationToken ct) =>
        db.Booths.AsNoTracking()
            .Where(b => b.Id == boothId)
            .Select(b => new BoothOwnership(b.Id, b.ExhibitionId, b.ShopId, b.OwnerId, b.Status == BoothStatus.Open))
            .SingleOrDefaultAsync(ct);

    public async Task<Guid?> GetOrganiserOfAsync(Guid exhibitionId, CancellationToken ct) =>
        await db.Exhibitions.AsNoTracking().Where(e => e.Id == exhibitionId).Select(e => (Guid?)e.OrganiserId).SingleOrDefaultAsync(ct);
    public Task<BoothRef?> FindBoothAsync(Guid boothId, CancellationToken ct) =>
        db.Booths.AsNoTracking().Where(b => b.Id == boothId).Select(b => new BoothRef(b.Id, b.ExhibitionId, b.ShopId)).SingleOrDefaultAsync(ct);
}
