using System.Security.Claims;
using AutoMapper;
using FluentValidation;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.BuildingBlocks.Text;
using Marketplace.Catalog.Contracts;
using Marketplace.Exhibitions.Persistence;
using Marketplace.SharedKernel.Errors;
using Marketplace.SharedKernel.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Exhibitions.Exhibitions;

/// <param name="Slug">Optional; derived from the title when absent. Unique (409 otherwise).</param>
/// <param name="Description">Rich text; sanitized.</param>
/// <param name="CityCode">The host city/regency, e.g. 16.71 (Kota Palembang).</param>
/// <param name="StartsAt">ISO 8601; without an offset it is Asia/Jakarta time (WIB).</param>
/// <param name="EndsAt">After startsAt, at most 92 days later.</param>
/// <param name="Subsectors">The sub-sectors it welcomes (codes); empty = all.</param>
/// <param name="Tiers">Booth tiers with their capacity; needed before publishing.</param>
/// <param name="Halls">Halls of the virtual venue; needed before publishing.</param>
internal sealed record CreateExhibitionRequest(
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

internal sealed class CreateExhibitionRequestValidator : AbstractValidator<CreateExhibitionRequest>
{
    public CreateExhibitionRequestValidator(ITaxonomy taxonomy)
    {
        RuleFor(r => r.Title).NotEmpty().PlainText(Exhibition.MaxTitleLength);
        RuleFor(r => r.Slug).Must(s => s is null || Slug.IsValid(s))
            .WithMessage($"The slug must be 1–{Slug.MaxLength} lower-case letters, digits and single hyphens.");
        RuleFor(r => r.Theme).PlainText(200);
        RuleFor(r => r.Description).MaximumLength(RichText.MaxLength);
        RuleFor(r => r.CityCode).NotEmpty().KnownCity(taxonomy);
        RuleFor(r => r.StartsAt).NotEmpty().JakartaTime();
        RuleFor(r => r.EndsAt).NotEmpty().JakartaTime();
        RuleFor(r => r.EndsAt).Must((r, ends) => EndsAfterStart(r.StartsAt, ends))
            .WithMessage("endsAt must be after startsAt, and the exhibition at most 92 days long.")
            .When(r => Jakarta.TryParse(r.StartsAt, out _) && Jakarta.TryParse(r.EndsAt, out _));
        RuleFor(r => r.Subsectors).KnownSubsectors(taxonomy);
        RuleFor(r => r.Tiers).Tiers();
        RuleForEach(r => r.Tiers).NotNull().SetValidator(new TierInputValidator());
        RuleFor(r => r.Halls).Halls();
        RuleForEach(r => r.Halls).NotNull().SetValidator(new HallInputValidator());
        RuleFor(r => r.BannerUrl).HttpUrl();
    }

    public static bool EndsAfterStart(string? starts, string? ends)
    {
        var s = Jakarta.Parse(starts!);
        var e = Jakarta.Parse(ends!);
        return e > s && e - s <= ExhibitionRules.MaxDuration;
    }
}

internal static class CreateExhibition
{
    public const string IdempotencyHeader = "Idempotency-Key";

    /// <summary>
    /// Creates the draft. With an <c>Idempotency-Key</c> a repeat (a double-submitted form, a retry after a lost answer)
    /// returns the exhibition the first request made (200) instead of a second one: the key is stored on the row under a
    /// unique (organiser, key) index, so two requests racing with the same key cannot both insert.
    /// </summary>
    public static async Task<Results<Created<ExhibitionResponse>, Ok<ExhibitionResponse>, ProblemHttpResult>> Handle(
        CreateExhibitionRequest request,
        [FromHeader(Name = IdempotencyHeader)] string? idempotencyKey,
        ClaimsPrincipal user,
        ExhibitionsDbContext db,
        IMapper mapper,
        ITaxonomy taxonomy,
        [FromKeyedServices(ExhibitionsModule.ClockKey)] TimeProvider clock,
        CancellationToken ct)
    {
        var organiserId = user.UserId()!.Value;
        var key = string.IsNullOrWhiteSpace(idempotencyKey) ? null : idempotencyKey.Trim();
        if (key is { Length: > 100 })
        {
            return Error.Validation(IdempotencyHeader, "exhibitions.idempotency_key_too_long", "The Idempotency-Key is at most 100 characters.").ToProblem();
        }

        var now = clock.GetUtcNow();
        if (key is not null && await FindByKeyAsync(db, organiserId, key, ct) is { } earlier)
        {
            return TypedResults.Ok(await earlier.ToResponseAsync(mapper, taxonomy, now, ct));
        }

        // An exhibition that is over before it is created is a typing mistake (a wrong year), never a plan.
        if (Jakarta.Parse(request.EndsAt!) <= now)
        {
            return Error.Validation("endsAt", "exhibitions.exhibition.ends_in_past", "endsAt is in the past; an exhibition must end in the future.").ToProblem();
        }

        var title = request.Title!.Trim();
        string slug;
        if (request.Slug is { } wanted)
        {
            if (await db.Exhibitions.AnyAsync(e => e.Slug == wanted, ct))
            {
                return SlugTaken();
            }

            slug = wanted;
        }
        else
        {
            slug = await Slug.UniqueAsync(db.Exhibitions.Select(e => e.Slug), title, "pameran", ct);
        }

        var exhibition = new Exhibition(Guid.CreateVersion7(), organiserId, slug, title, request.CityCode!,
            Jakarta.Parse(request.StartsAt!), Jakarta.Parse(request.EndsAt!), now)
        {
            Theme = request.Theme?.Trim(),
            Description = RichText.Sanitize(request.Description),
            BannerUrl = string.IsNullOrEmpty(request.BannerUrl) ? null : request.BannerUrl,
            Subsectors = (request.Subsectors ?? []).Distinct(StringComparer.Ordinal).ToList(),
            CreationKey = key,
        };
        ReplaceLayout(exhibition, request.Tiers, request.Halls);
        db.Exhibitions.Add(exhibition);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Either the slug was taken meanwhile, or the same key raced in: then answer with what that request made.
            if (key is not null)
            {
                db.ChangeTracker.Clear();
                if (await FindByKeyAsync(db, organiserId, key, ct) is { } winner)
                {
                    return TypedResults.Ok(await winner.ToResponseAsync(mapper, taxonomy, now, ct));
                }
            }

            return SlugTaken();
        }

        return TypedResults.Created($"/api/v1/exhibitions/{exhibition.Id}", await exhibition.ToResponseAsync(mapper, taxonomy, now, ct));
    }

    private static Task<Exhibition?> FindByKeyAsync(ExhibitionsDbContext db, Guid organiserId, string key, CancellationToken ct) =>
        db.Exhibitions.AsNoTracking().SingleOrDefaultAsync(e => e.OrganiserId == organiserId && e.CreationKey == key, ct);

    /// <summary>Replaces tiers and/or halls (only while a draft: nobody has applied yet).</summary>
    public static void ReplaceLayout(Exhibition exhibition, IReadOnlyList<TierInput>? tiers, IReadOnlyList<HallInput>? halls)
    {
        if (tiers is not null)
        {
            exhibition.Tiers.Clear();
            exhibition.Tiers.AddRange(tiers.Select((t, i) => new BoothTier
            {
                Id = Guid.CreateVersion7(),
                ExhibitionId = exhibition.Id,
                Name = t.Name!.Trim(),
                Position = i,
                Capacity = t.Capacity!.Value,
                PriceAmount = t.Price?.Amount,
            }));
        }

        if (halls is not null)
        {
            exhibition.Halls.Clear();
            exhibition.Halls.AddRange(halls.Select((h, i) => new ExhibitionHall
            {
                Id = Guid.CreateVersion7(),
                ExhibitionId = exhibition.Id,
                Name = h.Name!.Trim(),
                Position = i,
            }));
        }
    }

    public static ProblemHttpResult SlugTaken() =>
        Error.Conflict("exhibitions.exhibition.slug_taken", "Another exhibition already uses this slug.", "slug").ToProblem();
}
