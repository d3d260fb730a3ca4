using System.Security.Claims;
using FluentValidation;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.Conversations.Persistence;
using Marketplace.Exhibitions.Contracts;
using Marketplace.SharedKernel.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Conversations.Chat;

/// <param name="Kind"><c>quote</c> (productId and quantity) or <c>sample</c> (shippingCityCode).</param>
/// <param name="Contact">An e-mail address or phone number the exhibitor answers at.</param>
internal sealed record ConvertToLeadRequest(string? Kind, string? Name, string? Contact, Guid? ProductId, int? Quantity, string? ShippingCityCode);

internal sealed class ConvertToLeadRequestValidator : AbstractValidator<ConvertToLeadRequest>
{
    public ConvertToLeadRequestValidator() =>
        RuleFor(r => r.Kind).NotEmpty().Must(k => k is null or "quote" or "sample").WithMessage("kind must be quote or sample.");
}

internal sealed record LeadFromConversation(Guid LeadId, Guid ConversationId, string Kind);

/// <summary>
/// The visitor turns what they discussed at the booth into a request for quote or a sample request: a lead in the
/// Exhibitions module (its form's rules), carrying the last visitor messages, announced in the conversation.
/// </summary>
internal static class ConvertToLead
{
    public static async Task<Results<Created<LeadFromConversation>, ProblemHttpResult>> Handle(
        Guid id, ConvertToLeadRequest request, ClaimsPrincipal user, Chats chats, ConversationsDbContext db, IBoothLeads leads, CancellationToken ct)
    {
        var caller = Caller.From(user, null);
        if (await chats.AccessAsync(caller, id, ct) is not (var conversation, var party))
        {
            return Chats.NotFound.ToProblem();
        }

        if (party != Party.Visitor)
        {
            return Error.Forbidden("conversations.lead.visitor_only", "The visitor asks for a quote or a sample; the exhibitor answers it in the leads.").ToProblem();
        }

        if (conversation.BoothId is not { } boothId)
        {
            return Error.Conflict("conversations.lead.not_at_booth", "Only a conversation at a booth becomes a booth lead.").ToProblem();
        }

        var recent = await db.Messages.AsNoTracking()
            .Where(m => m.ConversationId == id && m.Sender == Party.Visitor && m.Text != null)
            .OrderByDescending(m => m.Seq).Take(5).Select(m => m.Text!).ToListAsync(ct);
        recent.Reverse();
        var message = string.Join("\n", recent);
        var intake = new BoothLeadIntake(boothId, request.Kind!, request.Name ?? conversation.VisitorName, request.Contact,
            message.Length > 4_000 ? message[..4_000] : message, request.ProductId, request.Quantity, request.ShippingCityCode, caller.UserId);
        var created = await leads.CreateAsync(intake, ct);
        if (created.LeadId is not { } leadId)
        {
            return created.Errors.ToProblem();
        }

        var text = request.Kind == "quote" ? "📝 Permintaan penawaran harga dikirim ke leads booth." : "📦 Permintaan sampel dikirim ke leads booth.";
        await chats.SendAsync(caller, id, text, request.ProductId, ct);
        return TypedResults.Created($"/api/v1/leads/{leadId}", new LeadFromConversation(leadId, id, request.Kind!));
    }
}
