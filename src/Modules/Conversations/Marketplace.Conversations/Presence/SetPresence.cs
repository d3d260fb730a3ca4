using System.Security.Claims;
using FluentValidation;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.Catalog.Contracts;
using Marketplace.Conversations.Chat;
using Marketplace.Conversations.Persistence;
using Marketplace.SharedKernel.Errors;
using Marketplace.SharedKernel.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Conversations.Presence;

/// <param name="Status"><c>online</c> (visitors may open conversations at the shop) or <c>away</c>.</param>
internal sealed record SetPresenceRequest(string? Status);

internal sealed class SetPresenceRequestValidator : AbstractValidator<SetPresenceRequest>
{
    public SetPresenceRequestValidator() =>
        RuleFor(r => r.Status).NotEmpty().Must(s => s is "online" or "away").WithMessage("status must be online or away.");
}

internal sealed record PresenceResponse(Guid ShopId, string Status, DateTimeOffset? Since);

/// <summary>The shop's "online / away" switch for conversations at the shop (booth conversations follow the exhibition instead).</summary>
internal static class SetPresence
{
    public static async Task<Results<Ok<PresenceResponse>, ProblemHttpResult>> Handle(
        Guid shopId, SetPresenceRequest request, ClaimsPrincipal user, ConversationsDbContext db, ICatalogReader catalog, TimeProvider clock, CancellationToken ct)
    {
        var shop = await catalog.GetShopAsync(shopId, ct);
        if (shop is null)
        {
            return Error.NotFound("conversations.shop_not_found", "No such shop.").ToProblem();
        }

        if (shop.OwnerId != user.UserId())
        {
            return Error.Forbidden("conversations.not_your_shop", "Only the shop's owner sets its status.").ToProblem();
        }

        var online = request.Status == "online";
        var now = clock.GetUtcNow();
        var presence = await db.Presence.SingleOrDefaultAsync(p => p.ShopId == shopId, ct);
        if (presence is null)
        {
            db.Presence.Add(presence = new ShopPresence { ShopId = shopId });
        }

        presence.Online = online;
        presence.UpdatedAt = now;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two first switches at once: the other created the row; apply ours to it.
            db.ChangeTracker.Clear();
            await db.Presence.Where(p => p.ShopId == shopId).ExecuteUpdateAsync(s => s.SetProperty(p => p.Online, online).SetProperty(p => p.UpdatedAt, now), ct);
        }

        return TypedResults.Ok(new PresenceResponse(shopId, request.Status!, now));
    }

    public static async Task<Results<Ok<PresenceResponse>, ProblemHttpResult>> Get(Guid shopId, ConversationsDbContext db, ICatalogReader catalog, CancellationToken ct)
    {
        if (await catalog.GetShopAsync(shopId, ct) is null)
        {
            return Error.NotFound("conversations.shop_not_found", "No such shop.").ToProblem();
        }

        var presence = await db.Presence.AsNoTracking().SingleOrDefaultAsync(p => p.ShopId == shopId, ct);
        return TypedResults.Ok(new PresenceResponse(shopId, presence?.Online == true ? "online" : "away", presence?.UpdatedAt));
    }
}
