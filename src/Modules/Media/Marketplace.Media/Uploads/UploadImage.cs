using Marketplace.BuildingBlocks.Errors;
using System.Security.Claims;
using Marketplace.Media.Contracts;
using Marketplace.Media.Images;
using Marketplace.Media.Persistence;
using Marketplace.Media.Processing;
using Marketplace.Media.Storage;
using Marketplace.SharedKernel.Errors;
using Marketplace.SharedKernel.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Marketplace.Media.Uploads;

/// <summary>The multipart form of an upload (documents the request body; the handler reads the form itself).</summary>
internal sealed record UploadForm(IFormFile File, string Alt, string AltEn);

/// <summary>What an upload handler needs, resolved as one service.</summary>
internal sealed class UploadServices(MediaDbContext db, ImagePipeline pipeline, IMediaStore store, OwnerAccess access,
    MediaUrls urls, MediaProcessingSignal signal, UploadStaging staging, IOptions<MediaOptions> options, TimeProvider clock)
{
    public MediaDbContext Db => db;

    public ImagePipeline Pipeline => pipeline;

    public IMediaStore Store => store;

    public OwnerAccess Access => access;

    public MediaUrls Urls => urls;

    public MediaProcessingSignal Signal => signal;

    public UploadStaging Staging => staging;

    public MediaOptions Options => options.Value;

    public TimeProvider Clock => clock;
}

/// <summary>
/// Uploading an image: as a multipart form (<c>file</c>, <c>alt</c>, <c>altEn</c>) or as the raw body of a PUT (alt texts
/// in the query). The body is streamed to a staging file (<see cref="UploadStaging"/>), hashed on the way and cut off at
/// <see cref="MediaOptions.MaxUploadBytes"/>; the file is checked completely (<see cref="ImagePipeline.CheckAsync"/>)
/// before anything is stored, then becomes the stored original, which waits there while the image answers
/// <c>status: processing</c> until the background processor has written its variants (see bench/media).
/// </summary>
internal static class UploadImage
{
    /// <summary>Room for the multipart envelope around a file of the maximum size.</summary>
    public const long EnvelopeBytes = 64 * 1024;

    /// <summary>A text field of the form is read up to this many bytes (an alt text is far shorter).</summary>
    private const int MaxFieldBytes = 16 * 1024;

    public static async Task<Results<Created<MediaImageView>, ProblemHttpResult>> FromForm(
        MediaTarget target, Guid id, HttpContext http, ClaimsPrincipal user, UploadServices s, CancellationToken ct)
    {
        if (!http.Request.HasFormContentType)
        {
            return Error.Validation(ImageSniffer.Field, "media.multipart_expected",
                "Send a multipart/form-data body with the field 'file' (or PUT the bytes).").ToMediaProblem();
        }

        var boundary = MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var type)
            ? HeaderUtilities.RemoveQuotes(type.Boundary).Value
            : null;
        if (string.IsNullOrEmpty(boundary))
        {
            // A url-encoded form cannot carry a file.
            return MediaErrors.NoFile().ToMediaProblem();
        }

        // The form is read section by section as it arrives (not with ReadFormAsync, which buffers every part first).
        var reader = new MultipartReader(boundary, http.Request.Body);
        StagedUpload? staged = null;
        try
        {
            string? fileName = null, alt = null, altEn = null;
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                if (section.AsFileSection() is { Name: "file" } file && staged is null)
                {
                    var received = await s.Staging.ReceiveAsync(file.FileStream!, s.Options.MaxUploadBytes, ct);
                    if (!received.IsSuccess)
                    {
                        await DrainAsync(http.Request.Body, ct);
                        return received.Errors.ToMediaProblem();
                    }

                    (staged, fileName) = (received.Value, file.FileName);
                }
                else if (section.AsFormDataSection() is { Name: "alt" or "altEn" } field)
                {
                    var value = await ReadFieldAsync(field.Section.Body, ct);
                    if (value is null)
                    {
                        await DrainAsync(http.Request.Body, ct);
                        return Error.Validation(field.Name, "media.alt_too_long", $"{field.Name} must be at most {MediaImage.MaxAltLength} characters.").ToMediaProblem();
                    }

                    (alt, altEn) = field.Name == "alt" ? (value, altEn) : (alt, value);
                }
            }

            if (staged is null)
            {
                return MediaErrors.NoFile().ToMediaProblem();
            }

            return await AcceptAsync(target, id, staged, alt, altEn, fileName, http, user, s, ct);
        }
        finally
        {
            if (staged is not null)
            {
                await staged.DisposeAsync();
            }
        }
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

        var received = await s.Staging.ReceiveAsync(http.Request.Body, s.Options.MaxUploadBytes, ct);
        if (!received.IsSuccess)
        {
            await DrainAsync(http.Request.Body, ct);
            return received.Errors.ToMediaProblem();
        }

        await using var staged = received.Value;
        return await AcceptAsync(target, id, staged, alt, altEn, filename, http, user, s, ct);
    }

    /// <summary>
    /// Reads the rest of a refused body and throws it away, so the client, still sending, gets the answer instead of a
    /// reset connection. The host's body size limit for upload routes bounds how much that can be.
    /// </summary>
    private static async Task DrainAsync(Stream body, CancellationToken ct)
    {
        var chunk = System.Buffers.ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            while (await body.ReadAsync(chunk, ct) > 0)
            {
            }
        }
        catch (Microsoft.AspNetCore.Http.BadHttpRequestException)
        {
            // Over the host's limit: the host closes the connection after the answer.
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    /// <summary>A form field as text, or null when it is longer than any alt text may be.</summary>
    private static async Task<string?> ReadFieldAsync(Stream body, CancellationToken ct)
    {
        var buffer = new byte[MaxFieldBytes + 1];
        var length = await body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct);
        return length > MaxFieldBytes ? null : System.Text.Encoding.UTF8.GetString(buffer, 0, length);
    }

    private static async Task<Results<Created<MediaImageView>, ProblemHttpResult>> AcceptAsync(
        MediaTarget target, Guid ownerId, StagedUpload staged, string? alt, string? altEn, string? filename, HttpContext http, ClaimsPrincipal user, UploadServices s, CancellationToken ct)
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
            result = await StoreAsync(target, ownerId, staged, alt!.Trim(), altEn!.Trim(), user.UserId()!.Value, s, ct);
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

    /// <summary>Checks the staged upload, stores it as the original (once per content), and records the image.</summary>
    private static async Task<Result<(MediaImage Image, MediaBlob Blob)>> StoreAsync(
        MediaTarget target, Guid ownerId, StagedUpload staged, string alt, string altEn, Guid uploadedBy, UploadServices s, CancellationToken ct)
    {
        var db = s.Db;
        var hash = staged.Hash;
        var known = await db.Blobs.AsNoTracking().SingleOrDefaultAsync(b => b.Hash == hash, ct);
        string format;
        if (known is null || known.Status == MediaImageStatus.Failed)
        {
            Result<SourceFormat> checkedFormat;
            await using (var content = staged.OpenRead())
            {
                checkedFormat = await s.Pipeline.CheckAsync(content, ct);
            }

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
            await s.Store.PutFileAsync(MediaKeys.Incoming(hash), staged.Path, "application/octet-stream", ct);
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
                blob = MediaBlob.Accepted(hash, format, staged.Length, now);
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
