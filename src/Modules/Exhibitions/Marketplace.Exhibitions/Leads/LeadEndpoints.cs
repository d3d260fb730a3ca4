using System.Security.Claims;
using System.Text.RegularExpressions;
using FluentValidation;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.BuildingBlocks.Http;
using Marketplace.BuildingBlocks.Text;
using Marketplace.Catalog.Contracts;
using Marketplace.Exhibitions.Booths;
using Marketplace.Exhibitions.Exhibitions;
using Marketplace.Exhibitions.Persistence;
using Marketplace.SharedKernel;
using Marketplace.SharedKernel.Errors;
using Marketplace.SharedKernel.Paging;
using Marketplace.SharedKernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Exhibitions.Leads;

/// <param name="Kind">retail (a question), wholesale (bulk enquiry), quote (request for quote: productId and quantity),
/// sample (sample request: shippingCityCode), partnership (collaboration).</param>
/// <param name="Contact">An e-mail address or a phone/WhatsApp number; required.</param>
/// <param name="Message">Rich text; sanitized.</param>
/// <param name="ShippingCityCode">Where a sample should go (a city/regency code).</param>
internal sealed record CreateLeadRequest(
    string? Kind,
    string? Name,
    string? Contact,
    string? Company,
    string? Message,
    Guid? ProductId,
    int? Quantity,
    string? ShippingCityCode);

internal sealed partial class CreateLeadRequestValidator : AbstractValidator<CreateLeadRequest>
{
    public CreateLeadRequestValidator(ITaxonomy taxonomy)
    {
        RuleFor(r => r.Kind).NotEmpty().Must(k => k is null || LeadRules.TryParseKind(k, out _))
            .WithMessage("kind must be retail, wholesale, quote, sample or partnership.");
        RuleFor(r => r.Name).NotEmpty().PlainText(100);
        RuleFor(r => r.Contact).NotEmpty().MaximumLength(254).Must(c => c is null || EmailPattern().IsMatch(c) || PhonePattern().IsMatch(c))
            .WithMessage("Give an e-mail address or a phone number so the exhibitor can answer.");
        RuleFor(r => r.Company).PlainText(150);
        RuleFor(r => r.Message).MaximumLength(Lead.MaxMessageLength);
        RuleFor(r => r.Quantity).InclusiveBetween(1, 10_000_000);
        RuleFor(r => r.ProductId).NotEmpty().When(r => Is(r.Kind, LeadKind.Quote)).WithMessage("A request for quote names the product.");
        RuleFor(r => r.Quantity).NotEmpty().When(r => Is(r.Kind, LeadKind.Quote)).WithMessage("A request for quote gives the quantity.");
        RuleFor(r => r.ShippingCityCode).NotEmpty().When(r => Is(r.Kind, LeadKind.Sample)).WithMessage("A sample request says where to ship it (a city code).");
        RuleFor(r => r.ShippingCityCode).KnownCity(taxonomy);
    }

    private static bool Is(string? text, LeadKind kind) => text is not null && LeadRules.TryParseKind(text, out var k) && k == kind;

    [GeneratedRegex(@"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^\+?[0-9][0-9 \-]{5,18}$")]
    private static partial Regex PhonePattern();
}

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

internal sealed record LeadResponse(
    Guid Id,
    Guid BoothId,
    LeadKind Kind,
    string Name,
    string Contact,
    string? Company,
    string? Message,
    Guid? ProductId,
    string? ProductName,
    int? Quantity,
    string? ShippingCityCode,
    LeadStatus Status,
    Money? QuotedPrice,
    string? Note,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>What the visitor sees after leaving a lead (not the exhibitor's notes).</summary>
internal sealed record LeadReceipt(Guid Id, Guid BoothId, LeadKind Kind, LeadStatus Status, DateTimeOffset CreatedAt);

internal static class LeadRules
{
    public static bool TryParseKind(string text, out LeadKind kind) => Enum.TryParse(text, ignoreCase: true, out kind) && Enum.IsDefined(kind) && !int.TryParse(text, out _);

    public static bool TryParseStatus(string text, out LeadStatus status) => Enum.TryParse(text, ignoreCase: true, out status) && Enum.IsDefined(status) && !int.TryParse(text, out _);

    public static LeadResponse ToResponse(this Lead l) => new(l.Id, l.BoothId, l.Kind, l.Name, l.Contact, l.Company, l.Message, l.ProductId, l.ProductName,
        l.Quantity, l.ShippingCityCode, l.Status, l.QuotedPrice, l.Note, Jakarta.Local(l.CreatedAt), Jakarta.Local(l.UpdatedAt));
}

internal static class LeadEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var booths = api.MapGroup("/booths").WithTags("Leads");
        booths.MapPost("/{id:guid}/leads", Create).Validate<CreateLeadRequest>()
            .WithName("Leads_Create").AllowAnonymous().ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Leave a lead at a booth, signed in or not.")
            .WithDescription("A question (retail), a bulk enquiry (wholesale), a request for quote (quote: productId and quantity), " +
                             "a sample request (sample: shippingCityCode) or a partnership, with a contact the exhibitor can answer. " +
                             "409 once the exhibition ended.");
        booths.MapGet("/{id:guid}/leads", List)
            .WithName("Leads_List").RequireAuthorization().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404)
            .WithSummary("The leads left at your booth, newest first (exhibitor only).")
            .WithDescription("Filter by status (new, contacted, quoted, closed) and kind; paged.");
        api.MapPatch("/leads/{id:guid}", Update).Validate<UpdateLeadRequest>().WithTags("Leads")
            .WithName("Leads_Update").RequireAuthorization().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Follow up a lead (exhibitor only).")
            .WithDescription("Forward only: new → contacted → quoted (with the quoted price) → closed (409 backwards); a private note.");
    }

    public static async Task<Results<Created<LeadReceipt>, ProblemHttpResult>> Create(
        Guid id, CreateLeadRequest request, ClaimsPrincipal user, ExhibitionsDbContext db, ICatalogReader catalog,
        [FromKeyedServices(ExhibitionsModule.ClockKey)] TimeProvider clock, CancellationToken ct)
    {
        var booth = await db.Booths.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id && b.Status == BoothStatus.Open, ct);
        if (booth is null)
        {
            return BoothAccess.NotFound.ToProblem();
        }

        var exhibition = await db.Exhibitions.AsNoTracking().SingleAsync(e => e.Id == booth.ExhibitionId, ct);
        var now = clock.GetUtcNow();
        if (exhibition.HasEnded(now))
        {
            return Error.Conflict("exhibitions.exhibition.ended", "The exhibition has ended; contact the shop directly.").ToProblem();
        }

        string? productName = null;
        if (request.ProductId is { } productId)
        {
            var product = (await catalog.GetProductsAsync([productId], ct)).SingleOrDefault();
            if (product is null || product.ShopId != booth.ShopId || product.Status == ProductStatus.Deleted)
            {
                return Error.Validation("productId", "exhibitions.lead.unknown_product", "This booth's shop has no such product.").ToProblem();
            }

            productName = product.Name;
        }

        LeadRules.TryParseKind(request.Kind!, out var kind);
        var lead = new Lead
        {
            Id = Guid.CreateVersion7(),
            ExhibitionId = booth.ExhibitionId,
            BoothId = booth.Id,
            Kind = kind,
            Name = request.Name!.Trim(),
            Contact = request.Contact!.Trim(),
            Company = string.IsNullOrWhiteSpace(request.Company) ? null : request.Company.Trim(),
            Message = RichText.Sanitize(request.Message),
            ProductId = request.ProductId,
            ProductName = productName,
            Quantity = request.Quantity,
            ShippingCityCode = request.ShippingCityCode,
            VisitorUserId = user.UserId(),
            Status = LeadStatus.New,
            CreatedAt = now,
            UpdatedAt = now,
            Day = Jakarta.Day(now),
        };
        db.Leads.Add(lead);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/leads/{lead.Id}", new LeadReceipt(lead.Id, lead.BoothId, lead.Kind, lead.Status, Jakarta.Local(lead.CreatedAt)));
    }

    /// <param name="status">new, contacted, quoted or closed.</param>
    /// <param name="kind">retail, wholesale, quote, sample or partnership.</param>
    public static async Task<Results<Ok<PagedResult<LeadResponse>>, ProblemHttpResult>> List(
        Guid id, string? status, string? kind, int? page, int? pageSize, ClaimsPrincipal user, ExhibitionsDbContext db, CancellationToken ct)
    {
        var paging = PageRequest.From(page, pageSize);
        if (!paging.IsSuccess)
        {
            return paging.Errors.ToProblem();
        }

        LeadStatus parsedStatus = default;
        if (!string.IsNullOrEmpty(status) && !LeadRules.TryParseStatus(status, out parsedStatus))
        {
            return Error.Validation("status", "exhibitions.bad_status", "status must be new, contacted, quoted or closed.").ToProblem();
        }

        LeadKind parsedKind = default;
        if (!string.IsNullOrEmpty(kind) && !LeadRules.TryParseKind(kind, out parsedKind))
        {
            return Error.Validation("kind", "exhibitions.bad_kind", "kind must be retail, wholesale, quote, sample or partnership.").ToProblem();
        }

        var found = await BoothAccess.FindOwnedAsync(db, id, user, ct);
        if (!found.IsSuccess)
        {
            return found.Errors.ToProblem();
        }

        var query = db.Leads.AsNoTracking().Where(l => l.BoothId == id);
        if (!string.IsNullOrEmpty(status))
        {
            query = query.Where(l => l.Status == parsedStatus);
        }

        if (!string.IsNullOrEmpty(kind))
        {
            query = query.Where(l => l.Kind == parsedKind);
        }

        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(l => l.CreatedAt).ThenByDescending(l => l.Id).Skip(paging.Value.Skip).Take(paging.Value.PageSize).ToListAsync(ct);
        return TypedResults.Ok(new PagedResult<LeadResponse>(rows.Select(l => l.ToResponse()).ToList(), paging.Value.Page, paging.Value.PageSize, total));
    }

    public static async Task<Results<Ok<LeadResponse>, ProblemHttpResult>> Update(
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
