using System.Security.Claims;
using FluentValidation;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.BuildingBlocks.Text;
using Marketplace.Cart.Contracts;
using Marketplace.Catalog.Contracts;
using Marketplace.Exhibitions.Exhibitions;
using Marketplace.Exhibitions.Persistence;
using Marketplace.SharedKernel.Errors;
using Marketplace.SharedKernel.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Exhibitions.Booths;

internal sealed record DocumentInput(string? Title, string? Url);

/// <param name="StartsAt">ISO 8601; without an offset it is Asia/Jakarta time. Within the exhibition.</param>
internal sealed record LiveSessionInput(string? Title, string? StartsAt, string? EndsAt, string? StreamUrl);

/// <summary>
/// Dressing the booth, a partial update: absent (null) fields keep their value; an empty string clears a text or URL;
/// a list replaces the old one.
/// </summary>
/// <param name="Story">Rich text; sanitized.</param>
/// <param name="FeaturedProductIds">Up to 12 of your own shop's published products.</param>
/// <param name="Documents">Up to 10 links (catalogue PDFs, price lists).</param>
/// <param name="LiveSessions">Up to 20 scheduled live sessions (demos, Q&amp;A), inside the exhibition's dates.</param>
/// <param name="PromoCode">A Cart voucher code of your shop valid for the whole exhibition; empty clears it.</param>
internal sealed record DressBoothRequest(
    string? BannerUrl,
    string? Story,
    IReadOnlyList<Guid>? FeaturedProductIds,
    string? VideoUrl,
    IReadOnlyList<DocumentInput>? Documents,
    IReadOnlyList<LiveSessionInput>? LiveSessions,
    string? PromoCode);

internal sealed class DressBoothRequestValidator : AbstractValidator<DressBoothRequest>
{
    public DressBoothRequestValidator()
    {
        RuleFor(r => r.BannerUrl).HttpUrl();
        RuleFor(r => r.VideoUrl).HttpUrl();
        RuleFor(r => r.Story).MaximumLength(RichText.MaxLength);
        RuleFor(r => r.FeaturedProductIds)
            .Must(p => p is null || p.Count <= Booth.MaxFeatured).WithMessage($"At most {Booth.MaxFeatured} featured products.")
            .Must(p => p is null || p.Distinct().Count() == p.Count).WithMessage("A product is listed twice.");
        RuleFor(r => r.Documents).Must(d => d is null || d.Count <= Booth.MaxDocuments).WithMessage($"At most {Booth.MaxDocuments} documents.");
        RuleForEach(r => r.Documents).NotNull().ChildRules(d =>
        {
            d.RuleFor(x => x.Title).NotEmpty().PlainText(150);
            d.RuleFor(x => x.Url).NotEmpty().HttpUrl();
        });
        RuleFor(r => r.LiveSessions).Must(s => s is null || s.Count <= Booth.MaxLiveSessions).WithMessage($"At most {Booth.MaxLiveSessions} live sessions.");
        RuleForEach(r => r.LiveSessions).NotNull().ChildRules(s =>
        {
            s.RuleFor(x => x.Title).NotEmpty().PlainText(150);
            s.RuleFor(x => x.StartsAt).NotEmpty().JakartaTime();
            s.RuleFor(x => x.EndsAt).NotEmpty().JakartaTime();
            s.RuleFor(x => x.EndsAt)
                .Must((x, ends) => Jakarta.Parse(ends!) > Jakarta.Parse(x.StartsAt!)).WithMessage("endsAt must be after startsAt.")
                .When(x => Jakarta.TryParse(x.StartsAt, out _) && Jakarta.TryParse(x.EndsAt, out _));
            s.RuleFor(x => x.StreamUrl).NotEmpty().HttpUrl();
        });
        RuleFor(r => r.PromoCode).MaximumLength(50);
    }
}

internal static class BoothAccess
{
    public static readonly Error NotFound = Error.NotFound("exhibitions.booth.not_found", "There is no such booth.");

    public static readonly Error NotExhibitor = Error.Forbidden("exhibitions.booth.not_exhibitor", "Only the booth's exhibitor may do this.");

    public static async Task<Result<(Booth Booth, Exhibition Exhibition)>> FindOwnedAsync(ExhibitionsDbContext db, Guid boothId, ClaimsPrincipal user, CancellationToken ct)
    {
        var booth = await db.Booths.SingleOrDefaultAsync(b => b.Id == boothId, ct);
        if (booth is null)
        {
            return NotFound;
        }

        if (booth.OwnerId != user.UserId() && !user.IsAdmin())
        {
            return NotExhibitor;
        }

        var exhibition = await db.Exhibitions.AsNoTracking().SingleAsync(e => e.Id == booth.ExhibitionId, ct);
        return (booth, exhibition);
    }
}

internal static class DressBooth
{
    public static async Task<Results<Ok<BoothResponse>, ProblemHttpResult>> Handle(
        Guid id,
        DressBoothRequest request,
        ClaimsPrincipal user,
        ExhibitionsDbContext db,
        ICatalogReader catalog,
        BoothPages pages,
        IServiceProvider services,
        [FromKeyedServices(ExhibitionsModule.ClockKey)] TimeProvider clock,
        CancellationToken ct)
    {
        var found = await BoothAccess.FindOwnedAsync(db, id, user, ct);
        if (!found.IsSuccess)
        {
            return found.Errors.ToProblem();
        }

        var (booth, exhibition) = found.Value;
        var now = clock.GetUtcNow();
        if (exhibition.HasEnded(now))
        {
            return Error.Conflict("exhibitions.exhibition.ended", "The exhibition has ended; its booths can no longer be changed.").ToProblem();
        }

        if (booth.Status == BoothStatus.Closed)
        {
            return Error.Conflict("exhibitions.booth.closed", "The booth is closed.").ToProblem();
        }

        if (request.FeaturedProductIds is { } featured)
        {
            var error = await ApplyForBooth.CheckOwnPublishedAsync(catalog, featured, booth.ShopId, "featuredProductIds", ct);
            if (error is not null)
            {
                return error.ToProblem();
            }

            booth.FeaturedProductIds = featured.ToList();
        }

        if (request.LiveSessions is { } sessions)
        {
            var parsed = new List<LiveSession>();
            for (var i = 0; i < sessions.Count; i++)
            {
                var s = sessions[i];
                var starts = Jakarta.Parse(s.StartsAt!);
                var ends = Jakarta.Parse(s.EndsAt!);
                if (starts < exhibition.StartsAt || ends > exhibition.EndsAt)
                {
                    return Error.Validation($"liveSessions[{i}].startsAt", "exhibitions.booth.session_outside_exhibition",
                        "A live session must take place during the exhibition.").ToProblem();
                }

                parsed.Add(new LiveSession(s.Title!.Trim(), starts, ends, s.StreamUrl!));
            }

            booth.LiveSessions = parsed;
        }

        if (request.PromoCode is { } code)
        {
            if (code.Length == 0)
            {
                booth.PromoCode = null;
            }
            else
            {
                var error = await CheckPromoAsync(services, code.Trim(), booth, exhibition, ct);
                if (error is not null)
                {
                    return error.ToProblem();
                }

                booth.PromoCode = code.Trim();
            }
        }

        if (request.BannerUrl is not null)
        {
            booth.BannerUrl = request.BannerUrl.Length == 0 ? null : request.BannerUrl;
        }

        if (request.VideoUrl is not null)
        {
            booth.VideoUrl = request.VideoUrl.Length == 0 ? null : request.VideoUrl;
        }

        if (request.Story is not null)
        {
            booth.Story = RichText.Sanitize(request.Story);
            booth.SearchText = (booth.ShopName + " " + StripTags(booth.Story)).ToLowerInvariant();
            booth.SearchText = booth.SearchText.Length > 600 ? booth.SearchText[..600] : booth.SearchText;
        }

        if (request.Documents is { } documents)
        {
            booth.Documents = documents.Select(d => new BoothDocument(d.Title!.Trim(), d.Url!)).ToList();
        }

        booth.UpdatedAt = now;
        booth.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict("exhibitions.booth.concurrent_update", "The booth was changed by another request; reload and try again.").ToProblem();
        }

        return TypedResults.Ok(await pages.BuildAsync(booth, exhibition, now, ct));
    }

    private static async Task<Error?> CheckPromoAsync(IServiceProvider services, string code, Booth booth, Exhibition exhibition, CancellationToken ct)
    {
        // The Cart module owns vouchers; without it (a host that does not sell) there is nothing to promote.
        if (services.GetService(typeof(IVoucherDirectory)) is not IVoucherDirectory vouchers)
        {
            return Error.Unprocessable("exhibitions.booth.vouchers_unavailable", "Vouchers are not available on this server.", "promoCode");
        }

        var voucher = await vouchers.FindAsync(code, ct);
        if (voucher is null)
        {
            return Error.Validation("promoCode", "exhibitions.booth.unknown_voucher", "There is no voucher with this code.");
        }

        if (voucher.ShopId is { } shopId && shopId != booth.ShopId)
        {
            return Error.Validation("promoCode", "exhibitions.booth.foreign_voucher", "This voucher belongs to another shop.");
        }

        if (voucher.ValidFrom > exhibition.StartsAt || voucher.ValidUntil < exhibition.EndsAt)
        {
            return Error.Validation("promoCode", "exhibitions.booth.voucher_not_valid_during_exhibition",
                "The voucher must be valid for the whole exhibition (from its start to its end).");
        }

        return null;
    }

    private static string StripTags(string? html) =>
        html is null ? "" : System.Text.RegularExpressions.Regex.Replace(html, "<[^>]*>", " ");
}
