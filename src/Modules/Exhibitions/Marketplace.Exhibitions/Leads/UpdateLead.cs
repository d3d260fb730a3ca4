using System.Security.Claims;
using FluentValidation;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.BuildingBlocks.Http;
using Marketplace.BuildingBlocks.Text;
using Marketplace.Exhibitions.Booths;
using Marketplace.Exhibitions.Exhibitions;
using Marketplace.Exhibitions.Persistence;
using Marketplace.SharedKernel;
using Marketplace.SharedKernel.Errors;
using Marketplace.SharedKernel.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Exhibitions.Leads;

/// <param name="Status">contacted, quoted or closed; forward only.</param>
/// <param name="QuotedPrice">Required when moving to quoted: the total price offered.</param>
/// <param name="Note">The exhibitor's own note; plain text.</param>
internal sealed record UpdateLeadRequest(string? Status, Money? QuotedPrice, string? Note);

internal sealed class UpdateLeadRequestValidator : AbstractValidator<UpdateLeadRequest>
{
    public UpdateLeadRequestValidator()
    {
        RuleFor(r => r.Status).Must(s => s is null || LeadRules.TryParseStatus(s, out _)).WithMessage("status must be new, contacted, quoted or closed.");
        RuleFor(r => r.QuotedPrice).Must(p => p is null || (p.Value.Amount is > 0 and <= 100_000_000_000_00 && p.Value.Currency == Money.DefaultCurrency))
            .WithMessage("The quoted price must be a positive IDR amount (minor units).");
        RuleFor(r => r.Note).PlainText(2000);
    }
}

/// <summary>The exhibitor follows up a lead, forward only.</summary>
internal static class UpdateLead
{
    public static async Task<Results<Ok<LeadResponse>, ProblemHttpResult>> Handle(
        Guid id, UpdateLeadRequest request, ClaimsPrincipal user, ExhibitionsDbContext db,
        [FromKeyedServices(ExhibitionsModule.ClockKey)] TimeProvider clock, CancellationToken ct)
    {
        var lead = await db.Leads.SingleOrDefaultAsync(l => l.Id == id, ct);
        if (lead is null)
        {
            return Error.NotFound("exhibitions.lead.not_found", "There is no such lead.").ToProblem();
        }

        var ownerId = await db.Booths.Where(b => b.Id == lead.BoothId).Select(b => b.OwnerId).SingleAsync(ct);
        if (ownerId != user.UserId() && !user.IsAdmin())
        {
            return BoothAccess.NotExhibitor.ToProblem();
        }

        if (request.Status is { } statusText)
        {
            LeadRules.TryParseStatus(statusText, out var status);
            if (status < lead.Status)
            {
                return Error.Conflict("exhibitions.lead.backwards", $"A lead moves forward only (new → contacted → quoted → closed); this one is {lead.Status.ToString().ToLowerInvariant()}.", "status").ToProblem();
            }

            if (status == LeadStatus.Quoted && request.QuotedPrice is null && lead.QuotedAmount is null)
            {
                return Error.Validation("quotedPrice", "exhibitions.lead.quote_needs_price", "Moving to quoted needs the quoted price.").ToProblem();
            }

            lead.Status = status;
        }

        if (request.QuotedPrice is { } price)
        {
            lead.QuotedAmount = price.Amount;
            lead.Currency = price.Currency;
        }

        if (request.Note is not null)
        {
            lead.Note = request.Note.Length == 0 ? null : request.Note.Trim();
        }

        lead.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(lead.ToResponse());
    }
}
