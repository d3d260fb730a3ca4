using Marketplace.BuildingBlocks.Outbox;
using Marketplace.Exhibitions.Contracts;
using Marketplace.Insights.Persistence;
using Marketplace.SharedKernel.Events;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Insights.Feeding;

/// <summary>
/// Exhibition outcomes of a city's shops: booths opened and leads received, in the shop's city and sub-sectors, in the
/// month they happened. The booth's shop is remembered so sales "from a booth" are counted only for that shop's lines.
/// </summary>
internal sealed class ExhibitionHandlers(InsightsDbContext db, CellWriter cells, ShopDirectory shops, TimeProvider clock) :
    IIntegrationEventHandler<BoothOpened>,
    IIntegrationEventHandler<LeadReceived>
{
    public async Task HandleAsync(BoothOpened e, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (!await db.TryStartProcessingAsync(e.EventId, "insights.booth_opened", clock, ct))
        {
            return;
        }

        if (!await db.Booths.AnyAsync(b => b.BoothId == e.BoothId, ct))
        {
            db.Booths.Add(new InsightsBooth { BoothId = e.BoothId, ShopId = e.ShopId, ExhibitionId = e.ExhibitionId });
            await CountAsync(e.ShopId, e.OccurredAt, new CellDelta(Booths: 1), ct);
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    public async Task HandleAsync(LeadReceived e, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (!await db.TryStartProcessingAsync(e.EventId, "insights.lead_received", clock, ct))
        {
            return;
        }

        await CountAsync(e.ShopId, e.ReceivedAt, new CellDelta(Leads: 1), ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    private async Task CountAsync(Guid shopId, DateTimeOffset at, CellDelta delta, CancellationToken ct)
    {
        var shop = await shops.FindAsync(shopId, ct);
        if (shop is null)
        {
            return;
        }

        var month = CellWriter.MonthOf(at);
        await cells.AddAsync(shop.CityCode, InsightsCell.AllSubsectors, month, delta, ct);
        foreach (var subsector in shop.SubsectorList)
        {
            await cells.AddAsync(shop.CityCode, subsector, month, delta, ct);
        }
    }
}
