using System.Security.Claims;
using AutoMapper;
using FluentValidation;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.BuildingBlocks.Outbox;
using Marketplace.Catalog.Contracts;
using Marketplace.Exhibitions.Exhibitions;
using Marketplace.Exhibitions.Persistence;
using Marketplace.SharedKernel.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Exhibitions.Booths;

internal sealed record ApprovalResponse(ApplicationResponse Application, BoothResponse Booth);

/// <param name="Hall">The hall (by name) the organiser places the booth in; absent = the merchant's preference, else the emptiest hall.</param>
internal sealed record ApprovalPlacement(string? Hall);

/// <param name="Reason">Told to the merchant; plain text.</param>
internal sealed record RejectApplicationRequest(string? Reason);

internal sealed class RejectApplicationRequestValidator : AbstractValidator<RejectApplicationRequest>
{
    public RejectApplicationRequestValidator() => RuleFor(r => r.Reason).NotEmpty().PlainText(1000);
}

internal static class DecideApplication
{
    private static readonly Error AlreadyDecided = Error.Conflict("exhibitions.application.already_decided", "The application has already been approved or rejected.");

    private static readonly Error NotFound = Error.NotFound("exhibitions.application.not_found", "There is no such booth application.");

    /// <summary>
    /// Approves: in one transaction, the application moves from pending (a conditional update, so two racing approvals
    /// cannot both win), the tier takes a place (<c>UPDATE … SET Taken = Taken + 1 WHERE Taken &lt; Capacity</c>, so the
    /// capacity holds under any concurrency), the hall hands out its next slot, the booth is created and
    /// <c>BoothOpened</c> is queued in the outbox.
    /// </summary>
    public static async Task<Results<Ok<ApprovalResponse>, ProblemHttpResult>> Approve(
        Guid id,
        ApprovalPlacement? request,
        ClaimsPrincipal user,
        ExhibitionsDbContext db,
        ICatalogReader catalog,
        IMapper mapper,
        BoothPages pages,
        [FromKeyedServices(ExhibitionsModule.ClockKey)] TimeProvider clock,
        CancellationToken ct)
    {
        var application = await db.Applications.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, ct);
        if (application is null)
        {
            return NotFound.ToProblem();
        }

        var found = await ExhibitionAccess.FindOwnedAsync(db, application.ExhibitionId, user, ct);
        if (!found.IsSuccess)
        {
            return found.Errors.ToProblem();
        }

        var exhibition = found.Value;
        var now = clock.GetUtcNow();
        if (application.Status != ApplicationStatus.Pending)
        {
            return AlreadyDecided.ToProblem();
        }

        if (exhibition.HasEnded(now))
        {
            return ExhibitionAccess.Ended.ToProblem();
        }

        var shop = await catalog.GetShopAsync(application.ShopId, ct);
        if (shop is null || shop.Status != ShopStatus.Active)
        {
            return Error.Unprocessable("exhibitions.application.shop_suspended", "The shop is suspended or gone; it cannot exhibit.").ToProblem();
        }

        var chosenHall = request?.Hall?.Trim();
        if (chosenHall is { Length: > 0 } && !exhibition.Halls.Any(h => string.Equals(h.Name, chosenHall, StringComparison.OrdinalIgnoreCase)))
        {
            return Error.Validation("hall", "exhibitions.application.unknown_hall", "The exhibition has no hall of that name.").ToProblem();
        }

        var hall = await PickHallAsync(db, exhibition, chosenHall is { Length: > 0 } ? chosenHall : application.HallPreference, ct);
        var booth = new Booth
        {
            Id = Guid.CreateVersion7(),
            ExhibitionId = exhibition.Id,
            ExhibitionSlug = exhibition.Slug,
            ShopId = shop.Id,
            OwnerId = shop.OwnerId,
            ApplicationId = application.Id,
            ShopName = shop.Name,
            ShopSlug = shop.Slug,
            SearchText = shop.Name.ToLowerInvariant(),
            CityCode = shop.CityCode,
            Subsectors = shop.Subsectors.ToList(),
            Subsector = shop.Subsectors.FirstOrDefault(s => exhibition.Subsectors.Count == 0 || exhibition.Subsectors.Contains(s)) ?? shop.Subsectors.FirstOrDefault() ?? "",
            TierId = application.TierId,
            TierName = application.TierName,
            HallId = hall.Id,
            HallName = hall.Name,
            HallPosition = hall.Position,
            FeaturedProductIds = application.ProductIds.Take(Booth.MaxFeatured).ToList(),
            Status = BoothStatus.Open,
            OpenedAt = now,
            UpdatedAt = now,
            Version = 1,
        };

        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            var decided = await db.Applications
                .Where(a => a.Id == application.Id && a.Status == ApplicationStatus.Pending)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(a => a.Status, ApplicationStatus.Approved)
                    .SetProperty(a => a.BoothId, booth.Id)
                    .SetProperty(a => a.DecidedAt, now), ct);
            if (decided == 0)
            {
                return AlreadyDecided.ToProblem();
            }

            var placed = await db.Tiers
                .Where(t => t.Id == application.TierId && t.Taken < t.Capacity)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.Taken, t => t.Taken + 1), ct);
            if (placed == 0)
            {
                await transaction.RollbackAsync(ct);
                return Error.Conflict("exhibitions.tier.full", $"The {application.TierName} tier is full; reject the application or ask the merchant for another tier.", "tier").ToProblem();
            }

            await db.Halls.Where(h => h.Id == hall.Id).ExecuteUpdateAsync(s => s.SetProperty(h => h.NextSlot, h => h.NextSlot + 1), ct);
            booth.Slot = await db.Halls.Where(h => h.Id == hall.Id).Select(h => h.NextSlot).SingleAsync(ct) - 1;

            db.Booths.Add(booth);
            db.AddIntegrationEvent(booth.OpenedEvent(now));
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                await transaction.RollbackAsync(ct);
                return Error.Conflict("exhibitions.booth.exists", "This shop already has a booth at this exhibition.").ToProblem();
            }

            await transaction.CommitAsync(ct);
        }

        var approved = await db.Applications.AsNoTracking().SingleAsync(a => a.Id == application.Id, ct);
        var page = await pages.BuildAsync(booth, exhibition, now, ct);
        return TypedResults.Ok(new ApprovalResponse(mapper.Map<ApplicationResponse>(approved), page));
    }

    /// <summary>The merchant's preferred hall when they named one, else the emptiest (then the first).</summary>
    private static async Task<ExhibitionHall> PickHallAsync(ExhibitionsDbContext db, Exhibition exhibition, string? preference, CancellationToken ct)
    {
        var halls = exhibition.Halls.OrderBy(h => h.Position).ToList();
        var preferred = halls.FirstOrDefault(h => string.Equals(h.Name, preference, StringComparison.OrdinalIgnoreCase));
        if (preferred is not null)
        {
            return preferred;
        }

        var counts = await db.Booths.Where(b => b.ExhibitionId == exhibition.Id && b.Status == BoothStatus.Open)
            .GroupBy(b => b.HallId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return halls.OrderBy(h => counts.GetValueOrDefault(h.Id)).ThenBy(h => h.Position).First();
    }

    public static async Task<Results<Ok<ApplicationResponse>, ProblemHttpResult>> Reject(
        Guid id,
        RejectApplicationRequest request,
        ClaimsPrincipal user,
        ExhibitionsDbContext db,
        IMapper mapper,
        [FromKeyedServices(ExhibitionsModule.ClockKey)] TimeProvider clock,
        CancellationToken ct)
    {
        var application = await db.Applications.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, ct);
        if (application is null)
        {
            return NotFound.ToProblem();
        }

        var found = await ExhibitionAccess.FindOwnedAsync(db, application.ExhibitionId, user, ct);
        if (!found.IsSuccess)
        {
            return found.Errors.ToProblem();
        }

        var now = clock.GetUtcNow();
        var reason = request.Reason!.Trim();
        var decided = await db.Applications
            .Where(a => a.Id == id && a.Status == ApplicationStatus.Pending)
            .ExecuteUpdateAsync(s => s
                .SetProperty(a => a.Status, ApplicationStatus.Rejected)
                .SetProperty(a => a.RejectionReason, reason)
                .SetProperty(a => a.DecidedAt, now), ct);
        if (decided == 0)
        {
            return AlreadyDecided.ToProblem();
        }

        var rejected = await db.Applications.AsNoTracking().SingleAsync(a => a.Id == id, ct);
        return TypedResults.Ok(mapper.Map<ApplicationResponse>(rejected));
    }
}
