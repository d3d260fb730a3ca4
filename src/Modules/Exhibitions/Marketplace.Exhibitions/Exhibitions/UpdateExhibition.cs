using System.Security.Claims;
using AutoMapper;
using FluentValidation;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.BuildingBlocks.Text;
using Marketplace.Catalog.Contracts;
using Marketplace.Exhibitions.Persistence;
using Marketplace.SharedKernel.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Exhibitions.Exhibitions;

/// <summary>A partial update: absent (null) fields keep their value. Tiers and halls can be replaced only while a draft.</summary>
internal sealed record UpdateExhibitionRequest(
    string? Title,
    string? Slug,
    string? Theme,
    string? Description,
    string? CityCode,
    string? StartsAt,
    string? EndsAt,
    IReadOnlyList<string>? Subsectors,
    IReadOnlyList<TierInput>? Tiers,
    IReadOnlyList<HallInput>? Halls,
    string? BannerUrl);

internal sealed class UpdateExhibitionRequestValidator : AbstractValidator<UpdateExhibitionRequest>
{
    public UpdateExhibitionRequestValidator(ITaxonomy taxonomy)
    {
        RuleFor(r => r.Title).NotEmpty().PlainText(Exhibition.MaxTitleLength).When(r => r.Title is not null);
        RuleFor(r => r.Slug).Must(s => s is null || Slug.IsValid(s))
            .WithMessage($"The slug must be 1–{Slug.MaxLength} lower-case letters, digits and single hyphens.");
        RuleFor(r => r.Theme).PlainText(200);
        RuleFor(r => r.Description).MaximumLength(RichText.MaxLength);
        RuleFor(r => r.CityCode).KnownCity(taxonomy);
        RuleFor(r => r.StartsAt).JakartaTime();
        RuleFor(r => r.EndsAt).JakartaTime();
        RuleFor(r => r.Subsectors).KnownSubsectors(taxonomy);
        RuleFor(r => r.Tiers).Tiers();
        RuleForEach(r => r.Tiers).NotNull().SetValidator(new TierInputValidator());
        RuleFor(r => r.Halls).Halls();
        RuleForEach(r => r.Halls).NotNull().SetValidator(new HallInputValidator());
        RuleFor(r => r.BannerUrl).HttpUrl();
    }
}

internal static class UpdateExhibition
{
    public static async Task<Results<Ok<ExhibitionResponse>, ProblemHttpResult>> Handle(
        Guid id,
        UpdateExhibitionRequest request,
        ClaimsPrincipal user,
        ExhibitionsDbContext db,
        IMapper mapper,
        ITaxonomy taxonomy,
        [FromKeyedServices(ExhibitionsModule.ClockKey)] TimeProvider clock,
        CancellationToken ct)
    {
        var found = await ExhibitionAccess.FindOwnedAsync(db, id, user, ct);
        if (!found.IsSuccess)
        {
            return found.Errors.ToProblem();
        }

        var exhibition = found.Value;
        var now = clock.GetUtcNow();
        if (exhibition.HasEnded(now) && exhibition.Published)
        {
            return ExhibitionAccess.Ended.ToProblem();
        }

        if (exhibition.Published && (request.Tiers is not null || request.Halls is not null))
        {
            return Error.Conflict("exhibitions.exhibition.layout_locked",
                "Tiers and halls can be changed only while the exhibition is a draft.", request.Tiers is not null ? "tiers" : "halls").ToProblem();
        }

        if (exhibition.Published && request.Slug is not null && request.Slug != exhibition.Slug)
        {
            return Error.Conflict("exhibitions.exhibition.slug_locked", "A published exhibition keeps its slug (links and search filters use it).", "slug").ToProblem();
        }

        var startsAt = request.StartsAt is null ? exhibition.StartsAt : Jakarta.Parse(request.StartsAt);
        var endsAt = request.EndsAt is null ? exhibition.EndsAt : Jakarta.Parse(request.EndsAt);
        if (endsAt <= startsAt || endsAt - startsAt > ExhibitionRules.MaxDuration)
        {
            return Error.Validation("endsAt", "exhibitions.exhibition.ends_before_start",
                "endsAt must be after startsAt, and the exhibition at most 92 days long.").ToProblem();
        }

        if (request.Slug is { } slug && slug != exhibition.Slug)
        {
            if (await db.Exhibitions.AnyAsync(e => e.Slug == slug, ct))
            {
                return CreateExhibition.SlugTaken();
            }

            exhibition.Slug = slug;
        }

        exhibition.StartsAt = startsAt;
        exhibition.EndsAt = endsAt;
        if (request.Title is { } title)
        {
            exhibition.Title = title.Trim();
        }

        if (request.Theme is not null)
        {
            exhibition.Theme = request.Theme.Length == 0 ? null : request.Theme.Trim();
        }

        if (request.Description is not null)
        {
            exhibition.Description = RichText.Sanitize(request.Description);
        }

        if (request.CityCode is { } city)
        {
            exhibition.CityCode = city;
        }

        if (request.Subsectors is { } subsectors)
        {
            exhibition.Subsectors = subsectors.Distinct(StringComparer.Ordinal).ToList();
        }

        if (request.BannerUrl is not null)
        {
            exhibition.BannerUrl = request.BannerUrl.Length == 0 ? null : request.BannerUrl;
        }

        if (request.Tiers is not null || request.Halls is not null)
        {
            // Replace the rows outright: a draft has no applications that could point at them.
            if (request.Tiers is not null)
            {
                db.Tiers.RemoveRange(exhibition.Tiers);
            }

            if (request.Halls is not null)
            {
                db.Halls.RemoveRange(exhibition.Halls);
            }

            CreateExhibition.ReplaceLayout(exhibition, request.Tiers, request.Halls);
            foreach (var tier in request.Tiers is null ? [] : exhibition.Tiers)
            {
                db.Entry(tier).State = EntityState.Added;
            }

            foreach (var hall in request.Halls is null ? [] : exhibition.Halls)
            {
                db.Entry(hall).State = EntityState.Added;
            }
        }

        exhibition.Touch(now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict("exhibitions.exhibition.concurrent_update", "The exhibition was changed by another request; reload and try again.").ToProblem();
        }
        catch (DbUpdateException)
        {
            return CreateExhibition.SlugTaken();
        }

        return TypedResults.Ok(await exhibition.ToResponseAsync(mapper, taxonomy, now, ct));
    }
}

internal static class PublishExhibition
{
    public static async Task<Results<Ok<ExhibitionResponse>, ProblemHttpResult>> Handle(
        Guid id,
        ClaimsPrincipal user,
        ExhibitionsDbContext db,
        IMapper mapper,
        ITaxonomy taxonomy,
        [FromKeyedServices(ExhibitionsModule.ClockKey)] TimeProvider clock,
        CancellationToken ct)
    {
        var found = await ExhibitionAccess.FindOwnedAsync(db, id, user, ct);
        if (!found.IsSuccess)
        {
            return found.Errors.ToProblem();
        }

        var exhibition = found.Value;
        var now = clock.GetUtcNow();
        if (exhibition.Published)
        {
            return Error.Conflict("exhibitions.exhibition.already_published", "The exhibition is already published.").ToProblem();
        }

        if (exhibition.HasEnded(now))
        {
            return Error.Unprocessable("exhibitions.exhibition.ends_in_past", "The exhibition's end is in the past; move its dates first.", "endsAt").ToProblem();
        }

        if (exhibition.Tiers.Count == 0)
        {
            return Error.Unprocessable("exhibitions.exhibition.no_tiers", "Add at least one booth tier (with its capacity) before publishing.", "tiers").ToProblem();
        }

        if (exhibition.Halls.Count == 0)
        {
            return Error.Unprocessable("exhibitions.exhibition.no_halls", "Add at least one hall before publishing.", "halls").ToProblem();
        }

        exhibition.Publish(now);
        exhibition.Touch(now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict("exhibitions.exhibition.concurrent_update", "The exhibition was changed by another request; reload and try again.").ToProblem();
        }

        return TypedResults.Ok(await exhibition.ToResponseAsync(mapper, taxonomy, now, ct));
    }
}
