using Marketplace.Exhibitions.Contracts;
using Marketplace.Exhibitions.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Exhibitions.Booths;

/// <summary>What Search asks on a reindex: at which exhibitions does this shop have an open booth.</summary>
internal sealed class ExhibitorDirectory(ExhibitionsDbContext db) : IExhibitorDirectory
{
    public async Task<IReadOnlyList<ExhibitionRef>> GetExhibitionsOfShopAsync(Guid shopId, CancellationToken ct) =>
        await db.Booths.AsNoTracking()
            .Where(b => b.ShopId == shopId && b.Status == BoothStatus.Open)
            .OrderBy(b => b.OpenedAt)
            .Select(b => new ExhibitionRef(b.ExhibitionId, b.ExhibitionSlug))
            .ToListAsync(ct);

    public Task<BoothRef?> FindBoothAsync(Guid boothId, CancellationToken ct) =>
        db.Booths.AsNoTracking().Where(b => b.Id == boothId).Select(b => new BoothRef(b.Id, b.ExhibitionId, b.ShopId)).SingleOrDefaultAsync(ct);
}
