using System.Security.Claims;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.BuildingBlocks.Outbox;
using Marketplace.Exhibitions.Persistence;
using Marketplace.SharedKernel.Errors;
using Marketplace.SharedKernel.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Exhibitions.Booths;

internal static class CloseBooth
{
    /// <summary>
    /// The exhibitor withdraws, or the organiser removes the booth: it leaves the directory, its tier place is freed, and
    /// <c>BoothClosed</c> is queued in the same transaction (Search stops tagging the shop's products).
    /// </summary>
    public static async Task<Results<Ok<BoothResponse>, ProblemHttpResult>> Handle(
        Guid id, ClaimsPrincipal user, ExhibitionsDbContext db, BoothPages pages, Visits.VisitTargets targets,
        [FromKeyedServices(ExhibitionsModule.ClockKey)] TimeProvider clock, CancellationToken ct)
    {
        var booth = await db.Booths.SingleOrDefaultAsync(b => b.Id == id, ct);
        if (booth is null)
        {
            return BoothAccess.NotFound.ToProblem();
        }

        var exhibition = await db.Exhibitions.AsNoTracking().SingleAsync(e => e.Id == booth.ExhibitionId, ct);
        if (booth.OwnerId != user.UserId() && exhibition.OrganiserId != user.UserId() && !user.IsAdmin())
        {
            return Error.Forbidden("exhibitions.booth.not_allowed", "Only the exhibitor or the exhibition's organiser may close a booth.").ToProblem();
        }

        if (booth.Status == BoothStatus.Closed)
        {
            return Error.Conflict("exhibitions.booth.closed", "The booth is already closed.").ToProblem();
        }

        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        booth.Status = BoothStatus.Closed;
        booth.UpdatedAt = now;
        booth.Version++;
        db.AddIntegrationEvent(booth.ClosedEvent(now));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict("exhibitions.booth.concurrent_update", "The booth was changed by another request; reload and try again.").ToProblem();
        }

        await db.Tiers.Where(t => t.Id == booth.TierId && t.Taken > 0).ExecuteUpdateAsync(s => s.SetProperty(t => t.Taken, t => t.Taken - 1), ct);
        await transaction.CommitAsync(ct);
        targets.Forget(booth.Id);
        return TypedResults.Ok(await pages.BuildAsync(booth, exhibition, now, ct));
    }
}
