using System.Security.Claims;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.Media.Contracts;
using Marketplace.Media.Persistence;
using Marketplace.Media.Processing;
using Marketplace.Media.Uploads;
using Marketplace.SharedKernel.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Media.Images;

internal sealed record ReorderImagesRequest(IReadOnlyList<Guid>? ImageIds);

/// <summary>Putting the images of one place (a product's photos, a booth's gallery) in a new order, as their owner.</summary>
internal static class ReorderImages
{
    public static async Task<Results<Ok<IReadOnlyList<MediaImageView>>, ProblemHttpResult>> Handle(
        MediaTarget target, Guid id, ReorderImagesRequest request, ClaimsPrincipal user, ManageServices s, CancellationToken ct)
    {
        if (await s.Access.CheckAsync(target.Kind, id, user, ct) is { } denied)
        {
            return denied.ToProblem();
        }

        var wanted = request.ImageIds ?? [];
        for (var attempt = 1; ; attempt++)
        {
            var slot = await s.Db.InSlotAsync(target.Kind, id, target.Slot, ct);
            if (wanted.Count != slot.Count || wanted.Distinct().Count() != wanted.Count || !slot.All(i => wanted.Contains(i.Id)))
            {
                return Error.Validation("imageIds", "media.order_mismatch",
                    "imageIds must list every image of this place exactly once, in the new order.").ToProblem();
            }

            var ordered = wanted.Select(w => slot.Single(i => i.Id == w)).ToList();
            MediaQueries.Renumber(ordered, target.Slot);
            await s.Db.OwnerChangedAsync(target.Kind, id, s.Clock.GetUtcNow(), ct);
            try
            {
                await s.Db.SaveChangesAsync(ct);
                return TypedResults.Ok<IReadOnlyList<MediaImageView>>(ordered.Select(i => s.Urls.View(i, i.Blob)).ToList());
            }
            catch (DbUpdateException) when (attempt < 4)
            {
                s.Db.ChangeTracker.Clear();
            }
            catch (DbUpdateException)
            {
                return MediaErrors.ConcurrentChange.ToProblem();
            }
        }
    }
}
