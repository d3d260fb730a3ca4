using System.Security.Claims;
using FluentValidation;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.Conversations.Persistence;
using Marketplace.Exhibitions.Contracts;
using Marketplace.SharedKernel.Errors;
using Marketplace.SharedKernel.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Marketplace.Conversations.Clinics;

/// <param name="Topic">export_readiness, packaging_and_branding, halal_certification, digital_marketing or financing.</param>
/// <param name="SlotMinutes">Length of one slot, 10–120 (e.g. 20).</param>
/// <param name="SlotCount">How many back-to-back slots, 1–48.</param>
/// <param name="MentorUserId">The mentor's account, if they have one (they then write the follow-up notes).</param>
internal sealed record ScheduleClinicRequest(
    string? Topic, string? Title, string? MentorName, Guid? MentorUserId, DateTimeOffset? StartsAt, int? SlotMinutes, int? SlotCount);

internal sealed class ScheduleClinicRequestValidator : AbstractValidator<ScheduleClinicRequest>
{
    public ScheduleClinicRequestValidator()
    {
        RuleFor(r => r.Topic).NotEmpty().Must(t => t is null || ClinicTopics.TryParse(t, out _))
            .WithMessage("topic must be export_readiness, packaging_and_branding, halal_certification, digital_marketing or financing.");
        RuleFor(r => r.Title).NotEmpty().MaximumLength(200).Must(t => !Marketplace.BuildingBlocks.Text.RichText.LooksLikeMarkup(t)).WithMessage("title is plain text.");
        RuleFor(r => r.MentorName).NotEmpty().MaximumLength(200).Must(t => !Marketplace.BuildingBlocks.Text.RichText.LooksLikeMarkup(t)).WithMessage("mentorName is plain text.");
        RuleFor(r => r.StartsAt).NotEmpty();
        RuleFor(r => r.SlotMinutes).NotEmpty().InclusiveBetween(10, 120);
        RuleFor(r => r.SlotCount).NotEmpty().InclusiveBetween(1, 48);
    }
}

internal static class ClinicTopics
{
    public static bool TryParse(string text, out ClinicTopic topic)
    {
        topic = default;
        var pascal = string.Concat(text.Split('_').Select(w => w.Length == 0 ? w : char.ToUpperInvariant(w[0]) + w[1..]));
        return text.All(c => char.IsAsciiLetterLower(c) || c == '_') && Enum.TryParse(pascal, out topic);
    }
}

/// <summary>The exhibition's organiser schedules a clinic inside the exhibition's dates; its slots are made at once.</summary>
internal static class ScheduleClinic
{
    public static async Task<Results<Created<ClinicResponse>, ProblemHttpResult>> Handle(
        Guid id, ScheduleClinicRequest request, ClaimsPrincipal user, ConversationsDbContext db, IExhibitorDirectory directory,
        IExhibitionSchedule schedule, TimeProvider clock, CancellationToken ct)
    {
        var organiser = await directory.GetOrganiserOfAsync(id, ct);
        if (organiser is null)
        {
            return Error.NotFound("conversations.exhibition_not_found", "No such exhibition.").ToProblem();
        }

        if (organiser != user.UserId())
        {
            return Error.Forbidden("conversations.clinic.not_organiser", "Only the exhibition's organiser schedules its clinics.").ToProblem();
        }

        var exhibition = await schedule.GetExhibitionAsync(id, ct);
        if (exhibition is null)
        {
            return Error.Conflict("conversations.clinic.exhibition_not_published", "Publish the exhibition before scheduling clinics.").ToProblem();
        }

        var startsAt = request.StartsAt!.Value;
        var endsAt = startsAt.AddMinutes(request.SlotMinutes!.Value * request.SlotCount!.Value);
        if (startsAt < exhibition.StartsAt || endsAt > exhibition.EndsAt)
        {
            return Error.Validation("startsAt", "conversations.clinic.outside_exhibition", "The clinic's slots must fall within the exhibition's dates.").ToProblem();
        }

        if (startsAt < clock.GetUtcNow())
        {
            return Error.Validation("startsAt", "conversations.clinic.in_the_past", "A clinic starts in the future.").ToProblem();
        }

        ClinicTopics.TryParse(request.Topic!, out var topic);
        var clinic = new Clinic
        {
            Id = Guid.CreateVersion7(),
            ExhibitionId = id,
            OrganiserId = organiser.Value,
            Topic = topic,
            Title = request.Title!.Trim(),
            MentorName = request.MentorName!.Trim(),
            MentorUserId = request.MentorUserId,
            StartsAt = startsAt,
            SlotMinutes = request.SlotMinutes.Value,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Clinics.Add(clinic);
        var slots = Enumerable.Range(0, request.SlotCount.Value).Select(i => new ClinicSlot
        {
            Id = Guid.CreateVersion7(),
            ClinicId = clinic.Id,
            StartsAt = startsAt.AddMinutes(i * clinic.SlotMinutes),
            EndsAt = startsAt.AddMinutes((i + 1) * clinic.SlotMinutes),
        }).ToList();
        db.ClinicSlots.AddRange(slots);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/clinics/{clinic.Id}", ClinicResponse.From(clinic, slots, null));
    }
}
