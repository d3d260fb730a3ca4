using System.Security.Claims;
using Marketplace.Media.Contracts;
using Marketplace.Media.Images;
using Marketplace.Media.Serving;
using Marketplace.Media.Uploads;
using Marketplace.BuildingBlocks.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Marketplace.Media;

/// <summary>Every route of the Media module.</summary>
internal static class MediaEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var maxBody = api.ServiceProvider.GetRequiredService<IOptions<Storage.MediaOptions>>().Value.MaxUploadBytes + UploadImage.EnvelopeBytes;
        foreach (var target in MediaTarget.All)
        {
            api.MapPost(target.Route, (Guid id, HttpContext http, ClaimsPrincipal user, [FromServices] UploadServices s, CancellationToken ct) =>
                    UploadImage.FromForm(target, id, http, user, s, ct))
                .WithName($"Media_Upload{target.Name}").WithTags("Media")
                .Accepts<UploadForm>("multipart/form-data")
                .WithMetadata(new UploadSizeLimit(maxBody))
                .RequireOwnerPolicy(target)
                .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(413).ProducesProblem(415).ProducesProblem(422).ProducesProblem(503)
                .WithSummary($"Upload {target.Describes}: multipart form.")
                .WithDescription("Fields: `file` (JPEG, PNG or WebP, at most 10 MB, 40 megapixels and 12,000 px a side; not animated), " +
                    "`alt` and `altEn` (what the image shows, for people who cannot see it; both required). The answer says " +
                    "`status: processing` until the variants (thumbnail, card, full; WebP and JPEG) exist, then `ready` with their URLs. " +
                    "Metadata (EXIF with GPS, ICC, XMP) is removed from every variant. Owner only. 503 `media.unavailable` with Retry-After " +
                    "when the image store does not answer in time (nothing is saved).");
            api.MapPut(target.Route, (Guid id, string? alt, string? altEn, string? filename, HttpContext http, ClaimsPrincipal user, [FromServices] UploadServices s, CancellationToken ct) =>
                    UploadImage.FromBody(target, id, alt, altEn, filename, http, user, s, ct))
                .WithName($"Media_Put{target.Name}").WithTags("Media")
                .Accepts<byte[]>("image/jpeg", "image/png", "image/webp", "application/octet-stream")
                .WithMetadata(new UploadSizeLimit(maxBody))
                .RequireOwnerPolicy(target)
                .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(413).ProducesProblem(415).ProducesProblem(422).ProducesProblem(503)
                .WithSummary($"Upload {target.Describes}: the image bytes as the body.")
                .WithDescription("The same as the multipart upload, for clients that send the bytes directly: `alt` and `altEn` in the query. " +
                    "The declared content type is not trusted; the bytes decide. 503 `media.unavailable` with Retry-After when the image store " +
                    "does not answer in time (nothing is saved).");
            api.MapGet(target.Route, (Guid id, [FromServices] ManageServices s, CancellationToken ct) => ManageImages.List(target, id, s, ct))
                .WithName($"Media_List{target.Name}").WithTags("Media").AllowAnonymous().ProducesProblem(404)
                .WithSummary($"The images of {target.Describes.Split(" (")[0]}, in display order.")
                .WithDescription("Each with its status, variant URLs (null while processing), size, alt texts, cover flag and position.");
            if (!target.Replaces)
            {
                api.MapPut(target.Route + "/order", (Guid id, ReorderImagesRequest request, ClaimsPrincipal user, [FromServices] ManageServices s, CancellationToken ct) =>
                        ReorderImages.Handle(target, id, request, user, s, ct))
                    .WithName($"Media_Reorder{target.Name}").WithTags("Media")
                    .RequireOwnerPolicy(target)
                    .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
                    .WithSummary($"Reorder {target.Describes.Split(" (")[0]}.")
                    .WithDescription("`imageIds` lists every image of this place exactly once, in the new order. Owner only.");
            }
        }

        var images = api.MapGroup("/media/images").WithTags("Media");
        images.MapGet("/{imageId:guid}", ManageImages.Get).AllowAnonymous()
            .WithName("Media_GetImage").ProducesProblem(404)
            .WithSummary("One image: status (processing, ready, failed), variant URLs, size and alt texts.")
            .WithDescription("Poll this after an upload until `status` is `ready`.");
        images.MapPatch("/{imageId:guid}", ManageImages.Describe).RequireAuthorization()
            .WithName("Media_DescribeImage").ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Change an image's alt texts (owner only).")
            .WithDescription("`alt` (Indonesian) and `altEn` (English); an absent field is left as it is, an empty one is refused.");
        images.MapPost("/{imageId:guid}/cover", ManageImages.MakeCover).RequireAuthorization()
            .WithName("Media_MakeCover").ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Make a photo the cover (owner only).")
            .WithDescription("Product photos and booth galleries have one cover: the picture shown on cards and in search.");
        images.MapDelete("/{imageId:guid}", ManageImages.Delete).RequireAuthorization()
            .WithName("Media_DeleteImage").ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Delete an image (owner only).")
            .WithDescription("The others close up; if it was the cover, the first remaining photo becomes the cover. The stored files are " +
                "deleted after a grace period once nothing shows them.");
    }

    public static void MapServing(IEndpointRouteBuilder app) =>
        app.MapGet("/media/{hash}/{variant}", ServeVariant.Handle)
            .WithName("Media_ServeVariant").WithTags("Media").AllowAnonymous()
            .Produces(200, contentType: "image/webp").Produces(200, contentType: "image/jpeg").Produces(206).Produces(304).ProducesProblem(404).ProducesProblem(503)
            .WithSummary("An image variant: thumbnail, card or full.")
            .WithDescription("WebP when the Accept header allows it, JPEG otherwise (`Vary: Accept`); `card.webp` or `card.jpg` name the format. " +
                "Cached for a year (`immutable`: the URL names the content), strong ETag with 304, byte ranges. " +
                "503 `media.unavailable` with Retry-After when the image store does not answer in time.");
}

internal static class MediaTargetAuthorization
{
    /// <summary>The target's role policy, or plain sign-in when it has none (the owner check in the handler does the rest).</summary>
    public static RouteHandlerBuilder RequireOwnerPolicy(this RouteHandlerBuilder route, MediaTarget target) =>
        target.Policy is { } policy ? route.RequireAuthorization(policy) : route.RequireAuthorization();
}

/// <summary>A larger body limit for upload routes (the host's default stays small for JSON).</summary>
internal sealed class UploadSizeLimit(long bytes) : IRequestSizeLimitMetadata
{
    public long? MaxRequestBodySize => bytes;
}
