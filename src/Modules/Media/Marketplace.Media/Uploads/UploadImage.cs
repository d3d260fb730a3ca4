using Marketplace.BuildingBlocks.Errors;
using System.Security.Claims;
using System.Security.Cryptography;
using Marketplace.Media.Contracts;
using Marketplace.Media.Images;
using Marketplace.Media.Persistence;
using Marketplace.Media.Processing;
using Marketplace.Media.Storage;
using Marketplace.SharedKernel.Errors;
using Marketplace.SharedKernel.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Marketplace.Media.Uploads;

/// <summary>The multipart form of an upload (documents the request body; the handler reads the form itself).</summary>
internal sealed record UploadForm(IFormFile File, string Alt, string AltEn);

/// <summary>What an upload handler needs, resolved as one service.</summary>
internal sealed class UploadServices(MediaDbContext db, ImagePipeline pipeline, IMediaStore store, OwnerAccess access,
    MediaUrls urls, MediaProcessingSignal signal, IOptions<MediaOptions> options, TimeProvider clock)
{
    public MediaDbContext Db => db;

    public ImagePipeline Pipeline => pipeline;

    public IMediaStore Store => store;

    public OwnerAccess Access => access;

    public MediaUrls Urls => urls;

    public MediaProcessingSignal Signal => signal;

    public MediaOptions Options => options.Value;

    public TimeProvider Clock => clock;
}

/// <summary>
/// Uploading an image: as a multipart form (<c>file</c>, <c>alt</c>, <c>altEn</c>) or as the raw body of a PUT (alt texts
/// in the query). The bytes are checked completely (<see cref="ImagePipeline.CheckAsync"/>) before anything is stored;
/// the original then waits in the store and the image answers <c>status: processing</c> until the background processor
/// has written its variants (usually well under a second; see bench/media).
/// </summary>
internal static class UploadImage
{
    /// <summary>Room for the multipart envelope around a file of the maximum size.</summary>
    public const long EnvelopeBytes = 64 * 1024;

    public static async Task<Results<Created<MediaImageView>, ProblemHttpResult>> FromForm(
        MediaTarget target, Guid id, HttpContext http, ClaimsPrincipal user, UploadServices s, CancellationToken ct)
    {
        if (!http.Request.HasFormContentType)
        {
            return Error.Validation(ImageSniffer.Field, "media.multipart_expected",
                "Send a multipart/form-data body with the field 'file' (or PUT the bytes).").ToMediaProblem();
        }

        var form = await http.Request.ReadFormAsync(ct);
        var file = form.Files.GetFile("file");
        if (file is null || file.Length == 0)
        {
            return MediaErrors.NoFile().ToMediaProblem();
        }

        if (file.Length > s.Options.MaxUploadBytes)
        {
            return MediaErrors.TooLarge(file.Length, s.Options.MaxUploadBytes).ToMediaProblem();
        }

        var bytes = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(bytes, ct);
        }

        return await AcceptAsync(target, id, bytes, form["alt"].ToString(), form["altEn"].ToString(), file.FileName, http, user, s, ct);
    }

    /// <param name="alt">Alternative text in Indonesian (required).</param>
    /// <param name="altEn">Alternative text in English (required).</param>
    /// <param name="filename">The original file name, if the client wants to say it (only checked, never used as a path).</param>
    public static async Task<Results<Created<MediaImageView>, ProblemHttpResult>> FromBody(
        MediaTarget target, Guid id, string? alt, string? altEn, string? filename, HttpContext http, ClaimsPrincipal user, UploadServices s, CancellationToken ct)
    {
        if (http.Request.ContentLength is { } declared && declared > s.Options.MaxUploadBytes)
        {
            return MediaErrors.TooLarge(declared, s.Options.MaxUploadBytes).ToMediaProblem();
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > s.Options.MaxUploadBytes)
            {
                return MediaErrors.TooLarge(buffer.Length + read, s.Options.MaxUploadBytes).ToMediaProblem();
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            return MediaErrors.NoFile().ToMediaProblem();
        }

        return await AcceptAsync(target, id, buffer.ToArray(), alt, altEn, filename, http, user, s, ct);
    }

    private static async Task<Results<Created<MediaImageView>, ProblemHttpResult>> AcceptAsync(
        MediaTarget target, Guid ownerId, byte[] bytes, string? alt, string? altEn, string? filename, HttpContext http, ClaimsPrincipal user, UploadServices s, CancellationToken ct)
    {
        var invalid = MediaText.Check(alt, altEn, filename);
        if (invalid.Count > 0)
        {
            return invalid.ToMediaProblem();
        }

        if (await s.Access.CheckAsync(target.Kind, ownerId, user, ct) is { } denied)
        {
            return denied.ToMediaProblem();
        }

        Result<(MediaImage Image, MediaBlob Blob)> result;
        try
        {
            result = await StoreAsync(target, ownerId, bytes, alt!.Trim(), altEn!.Trim(), user.UserId()!.Value, s, ct);
        }
        catch (MediaStoreUnavailableException ex)
        {
            // Thrown before the image row is saved (the original is stored first), so nothing points at missing bytes.
            return MediaStoreOutage.Problem(http, s.Options, ex);
        }

        if (!result.IsSuccess)
        {
            return result.Errors.ToMediaProblem();
        }

        s.Signal.Notify();
        return TypedResults.Created($"/api/v1/media/images/{result.Value.Image.Id}", s.Urls.View(result.Value.Image, result.Value.Blob));
    }

    /// <summary>Checks, stores the original (once per content), and records the image; shared with the demo seeder.</summary>
    public static async Task<Result<(MediaImage Image, MediaBlob Blob)>> StoreAsync(
        MediaTarget target, Guid ownerId, byte[] bytes, string alt, string altEn, Guid uploadedBy, UploadServices s, CancellationToken ct)
    {
        if (bytes.Length > s.Options.MaxUploadBytes)
        {
            return MediaErrors.TooLarge(bytes.Length, s.Options.MaxUploadBytes);
        }

        var db = s.Db;
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var known = await db.Blobs.AsNoTracking().SingleOrDefaultAsync(b => b.Hash == hash, ct);
        string format;
        if (known is null || known.Status == MediaImageStatus.Failed)
        {
            var checkedFormat = await s.Pipeline.CheckAsync(bytes, ct);
            if (!checkedFormat.IsSuccess)
            {
                return Result<(MediaImage, MediaBlob)>.Fail(checkedFormat.Errors);
            }

            format = checkedFormat.Value.ToString().ToLowerInvariant();
        }
        else
        {
            format = known.SourceFormat;
        }

        if (!target.Replaces && await CountAsync(db, target, ownerId, ct) >= target.MaxImages)
        {
            return TooMany(target);
        }

        // The original goes to the store before the row that points at it commits: the processor (on any instance)
        // may start the moment it does. Identical bytes land on the same key, so a racing upload writes the same object.
        if (known is null || known.Status == MediaImageStatus.Failed)
        {
            await s.Store.PutAsync(MediaKeys.Incoming(hash), bytes, "application/octet-stream", ct);
        }

        for (var attempt = 1; ; attempt++)
        {
            var now = s.Clock.GetUtcNow();
            var slot = await db.InSlotAsync(target.Kind, ownerId, target.Slot, ct);
            if (!target.Replaces && slot.Count >= target.MaxImages)
            {
                return TooMany(target);
            }

            var blob = await db.Blobs.SingleOrDefaultAsync(b => b.Hash == hash, ct);
            if (blob is null)
            {
                blob = MediaBlob.Accepted(hash, format, bytes.Length, now);
                db.Blobs.Add(blob);
            }
            else
            {
                blob.Referenced();
                if (blob.Status == MediaImageStatus.Failed)
                {
                    blob.Retry();
                }
            }

            if (target.Replaces)
            {
                db.Images.RemoveRange(slot);
                await db.ReleaseBlobsAsync(slot, hash, now, ct);
            }

            var position = target.Replaces ? 0 : slot.Count;
            var image = MediaImage.Create(target.Kind, ownerId, target.Slot, hash, position,
                MediaQueries.HasCover(target.Slot) && position == 0, alt, altEn, uploadedBy, now);
            db.Images.Add(image);
            await db.OwnerChangedAsync(target.Kind, ownerId, now, ct);
            try
            {
                await db.SaveChangesAsync(ct);
                image = await db.Images.Include(i => i.Blob).SingleAsync(i => i.Id == image.Id, ct);
                return (image, image.Blob);
            }
            catch (DbUpdateException) when (attempt < 4)
            {
                // Another change to the same owner (its revision moved) or the same new blob won the race: look again.
                db.ChangeTracker.Clear();
            }
            catch (DbUpdateException)
            {
                return MediaErrors.ConcurrentChange;
            }
        }
    }

    private static Task<int> CountAsync(MediaDbContext db, MediaTarget target, Guid ownerId, CancellationToken ct) =>
        db.Images.CountAsync(i => i.OwnerKind == target.Kind && i.OwnerId == ownerId && i.Slot == target.Slot, ct);

    private static Error TooMany(MediaTarget target) => Error.Conflict("media.too_many_images",
        $"There are already {target.MaxImages} images here; delete one first.", ImageSniffer.Field);
}

/// <summary>Alt texts and file names: plain text, checked the same way for every upload.</summary>
internal static class MediaText
{
    public static List<Error> Check(string? alt, string? altEn, string? filename)
    {
        var errors = new List<Error>();
        CheckAlt(errors, "alt", alt, required: true);
        CheckAlt(errors, "altEn", altEn, required: true);
        if (!string.IsNullOrEmpty(filename) && !IsSafeFileName(filename))
        {
            errors.Add(Error.Validation("filename", "media.unsafe_filename",
                "The file name must be a plain name: no folders, '..', control characters, and at most 255 characters."));
        }

        return errors;
    }

    public static void CheckAlt(List<Error> errors, string field, string? value, bool required)
    {
        if (value is null && !required)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(Error.Validation(field, "media.alt_required",
                $"{field} is required: describe the image for people who cannot see it (both in Indonesian and in English)."));
        }
        else if (value.Trim().Length > MediaImage.MaxAltLength)
        {
            errors.Add(Error.Validation(field, "media.alt_too_long", $"{field} must be at most {MediaImage.MaxAltLength} characters."));
        }
        else if (value.Any(char.IsControl))
        {
            errors.Add(Error.Validation(field, "media.alt_control_characters", $"{field} must not contain control characters."));
        }
    }

    /// <summary>A client's file name is never used for storage (keys are hashes); a traversal attempt is still refused loudly.</summary>
    private static bool IsSafeFileName(string name) =>
        name.Length <= 255
        && name.IndexOfAny(['/', '\\', ':']) < 0
        && !name.Contains("..", StringComparison.Ordinal)
        && !name.Any(char.IsControl)
        && name.Trim().Length > 0;
}
