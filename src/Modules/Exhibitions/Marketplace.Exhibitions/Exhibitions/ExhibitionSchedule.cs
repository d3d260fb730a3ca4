using Marketplace.Exhibitions.Booths;
using Marketplace.Exhibitions.Contracts;
using Marketplace.Exhibitions.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Exhibitions.Exhibitions;

/// <summary>
/// Answers <see cref="IExhibitionSchedule"/>. Openings are an indexed range query on (published, startsAt). Live
/// sessions are stored as JSON on the booth, so the sessions of the open booths of exhibitions running during the window
/// are read and filtered here — a live exhibition has at most a few thousand booths.
/// </summary>
internal sealed class ExhibitionSchedule(ExhibitionsDbContext db) : IExhibitionSchedule
{
    public async Task<ScheduledExhibition?> GetExhibitionAsync(Guid exhibitionId, CancellationToken ct) =>
        await db.Exhibitions.AsNoTracking()
            .Where(e => e.Id == exhibitionId && e.Published)
            .Select(e => new ScheduledExhibition(e.Id, e.Slug, e.Title, e.StartsAt, e.EndsAt))
            .SingleOrDefaultAsync(ct);

    public async Task<IReadOnlyList<ExhibitionOpening>> GetOpeningsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var opening = await db.Exhibitions.AsNoTracking()
            .Where(e => e.Published && e.StartsAt > from && e.StartsAt <= to)
            .Select(e => new ScheduledExhibition(e.Id, e.Slug, e.Title, e.StartsAt, e.EndsAt))
            .ToListAsync(ct);
        if (opening.Count == 0)
        {
            return [];
        }

        var ids = opening.Select(e => e.Id).ToList();
        var booths = (await db.Booths.AsNoTracking()
                .Where(b => ids.Contains(b.ExhibitionId) && b.Status == BoothStatus.Open)
                .Select(b => new { b.ExhibitionId, Booth = new ExhibitorBooth(b.Id, b.ShopId, b.ShopName) })
                .ToListAsync(ct))
            .ToLookup(b => b.ExhibitionId, b => b.Booth);
        return opening.Select(e => new ExhibitionOpening(e, booths[e.Id].ToList())).ToList();
    }

    public async Task<IReadOnlyList<LiveSessionStart>> GetLiveSessionStartsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var running = await db.Exhibitions.AsNoTracking()
            .Where(e => e.Published && e.StartsAt <= to && e.EndsAt > from)
            .Select(e => new ScheduledExhibition(e.Id, e.Slug, e.Title, e.StartsAt, e.EndsAt))
            .ToListAsync(ct);
        if (running.Count == 0)
        {
            return [];
        }

        var byId = running.ToDictionary(e => e.Id);
        var ids = running.Select(e => e.Id).ToList();
        var booths = await db.Booths.AsNoTracking()
            .Where(b => ids.Contains(b.ExhibitionId) && b.Status == BoothStatus.Open && b.LiveSessionsJson != "[]")
            .ToListAsync(ct);
        return booths
            .SelectMany(b => b.LiveSessions
                .Where(s => s.StartsAt > from && s.StartsAt <= to)
                .Select(s => new LiveSessionStart(byId[b.ExhibitionId], new ExhibitorBooth(b.Id, b.ShopId, b.ShopName), s.Title, s.StartsAt)))
            .ToList();
    }
}
