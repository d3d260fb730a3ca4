using Marketplace.BuildingBlocks.Errors;
using System.Security.Claims;
using Marketplace.Media.Contracts;
using Marketplace.Media.Persistence;
using Marketplace.Media.Processing;
using Marketplace.Media.Uploads;
using Marketplace.SharedKernel.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Media.Images;

internal sealed record DescribeImageRequest(string? Alt, string? AltEn);

/// <summary>What the management handlers need, resolved as one service.</summary>
internal sealed class ManageServices(MediaDbContext db, OwnerAccess access, MediaUrls urls, TimeProvider clock)
{
    public MediaDbContext Db => db;

    public OwnerAccess Access => access;

    public MediaUrls Urls => urls;

    public TimeProvider Clock => clock;
}

/// <summary>Reading an owner's images, and changing one (alt text, cover, order, delete) as its owner.</summary>
internal static class ManageImages
{
    public static async Task<Results<Ok<MediaImageView>, ProblemHttpResult>> Get(Guid imageId, ManageServices s, CancellationToken ct)
    {
        var image = await s.Db.Images.AsNoTracking().Include(i => i.Blob).SingleOrDefaultAsync(i => i.Id == imageId, ct);
        return image is null ? MediaErrors.ImageNotFound.ToProblem() : TypedResults.Ok(s.Urls.View(image, image.Blob));
    }

    public static async Task<Results<Ok<IReadOnlyList<MediaImageView>>, ProblemHttpResult>> List(MediaTarget target, Guid id, ManageServices s, CancellationToken ct)
    {
        if (await s.Access.FindOwnerAsync(target.Kind, id, ct) is null)
        {
            return MediaErrors.OwnerNotFound.ToProblem();
        }

        var images = await s.Db.InSlotAsync(target.Kind, id, target.Slot, ct);
        return TypedResults.Ok<IReadOnlyList<MediaImageView>>(images.Select(i => s.Urls.View(i, i.Blob)).ToList());
    }

    public static Task<Results<Ok<MediaImageView>, ProblemHttpResult>> Describe(
        Guid imageId, DescribeImageRequest request, ClaimsPrincipal user, ManageServices s, CancellationToken ct)
    {
        var errors = new List<Error>();
        MediaText.CheckAlt(errors, "alt", request.Alt, required: false);
        MediaText.CheckAlt(errors, "altEn", request.AltEn, required: false);
        if (errors.Count > 0)
        {
            return Task.FromResult<Results<Ok<MediaImageView>, ProblemHttpResult>>(errors.ToProblem());
        }

        return ChangeAsync(imageId, user, s, (image, _) =>
        {
            image.Describe(request.Alt?.Trim(), request.AltEn?.Trim());
            return null;
        }, ct);
    }

    public static Task<Results<Ok<MediaImageView>, ProblemHttpResult>> MakeCover(Guid imageId, ClaimsPrincipal user, ManageServices s, CancellationToken ct) =>
        ChangeAsync(imageId, user, s, (image, slot) =>
        {
            if (!MediaQueries.HasCover(image.Slot))
            {
                return Error.Conflict("media.no_cover_here", "Only product photos and booth galleries have a cover.");
            }

            foreach (var other in slot)
            {
                other.IsCover = other.Id == image.Id;
            }

            return null;
        }, ct);

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid imageId, ClaimsPrincipal user, ManageServices s, CancellationToken ct)
    {
        var result = await ChangeAsync(imageId, user, s, (image, slot) =>
        {
            s.Db.Images.Remove(image);
            var rest = slot.Where(i => i.Id != image.Id).ToList();
            if (image.IsCover)
            {
                image.IsCover = false;
            }

            MediaQueries.Renumber(rest, image.Slot);
            return null;
        }, ct, release: true);
        return result.Result is ProblemHttpResult problem ? problem : TypedResults.NoContent();
    }

    /// <summary>
    /// Loads the image and the rest of its slot, checks the caller owns the owner, applies the change, bumps the
    /// owner's revision and saves; a racing change to the same owner is retried on fresh state.
    /// </summary>
    private static async Task<Results<Ok<MediaImageView>, ProblemHttpResult>> ChangeAsync(
        Guid imageId, ClaimsPrincipal user, ManageServices s, Func<MediaImage, List<MediaImage>, Error?> change, CancellationToken ct, bool release = false)
    {
        for (var attempt = 1; ; attempt++)
        {
            var image = await s.Db.Images.Include(i => i.Blob).SingleOrDefaultAsync(i => i.Id == imageId, ct);
            if (image is null)
            {
                return MediaErrors.ImageNotFound.ToProblem();
            }

            if (await s.Access.CheckAsync(image.OwnerKind, image.OwnerId, user, ct) is { } denied)
            {
                return denied.ToProblem();
            }

            var slot = await s.Db.InSlotAsync(image.OwnerKind, image.OwnerId, image.Slot, ct);
            if (change(image, slot) is { } refused)
            {
                return refused.ToProblem();
            }

            var now = s.Clock.GetUtcNow();
            if (release)
            {
                await s.Db.ReleaseBlobsAsync([image], null, now, ct);
            }

            await s.Db.OwnerChangedAsync(image.OwnerKind, image.OwnerId, now, ct);
            try
            {
                await s.Db.SaveChangesAsync(ct);
                return TypedResults.Ok(s.Urls.View(image, image.Blob));
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
