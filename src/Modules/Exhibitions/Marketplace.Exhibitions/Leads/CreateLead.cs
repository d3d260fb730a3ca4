using System.Security.Claims;
using System.Text.RegularExpressions;
using FluentValidation;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.BuildingBlocks.Http;
using Marketplace.BuildingBlocks.Outbox;
using Marketplace.BuildingBlocks.Text;
using Marketplace.Catalog.Contracts;
using Marketplace.Exhibitions.Booths;
using Marketplace.Exhibitions.Exhibitions;
using Marketplace.Exhibitions.Persistence;
using Marketplace.SharedKernel;
using Marketplace.SharedKernel.Errors;
using Marketplace.SharedKernel.Security;
using Microsoft.AspNetCore.Http.HttpResults;
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

/// <summary>A visitor leaves a lead at an open booth of a running exhibition.</summary>
internal static class CreateLead
{
    public static async Task<Results<Created<LeadReceipt>, ProblemHttpResult>> Handle(
        Guid id, CreateLeadRequest request, ClaimsPrincipal user, ExhibitionsDbContext db, ICatalogReader catalog,
        [FromKeyedServices(ExhibitionsModule.ClockKey)] TimeProvider clock, CancellationToken ct)
    {
        var created = await CreateAsync(id, request, user.UserId(), db, catalog, clock, ct);
        if (created.IsFailure)
        {
            return created.Errors.ToProblem();
        }

        var lead = created.Value;
        return TypedResults.Created($"/api/v1/leads/{lead.Id}", new LeadReceipt(lead.Id, lead.BoothId, lead.Kind, lead.Status, Jakarta.Local(lead.CreatedAt)));
    }

    /// <summary>Stores a validated lead at an open booth of a running exhibition (the form, and conversations turned into leads).</summary>
    public static async Task<Result<Lead>> CreateAsync(
        Guid id, CreateLeadRequest request, Guid? visitorUserId, ExhibitionsDbContext db, ICatalogReader catalog, TimeProvider clock, CancellationToken ct)
    {
        var booth = await db.Booths.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id && b.Status == BoothStatus.Open, ct);
        if (booth is null)
        {
            return BoothAccess.NotFound;
        }

        var exhibition = await db.Exhibitions.AsNoTracking().SingleAsync(e => e.Id == booth.ExhibitionId, ct);
        var now = clock.GetUtcNow();
        if (exhibition.HasEnded(now))
        {
            return Error.Conflict("exhibitions.exhibition.ended", "The exhibition has ended; contact the shop directly.");
        }

        string? productName = null;
        if (request.ProductId is { } productId)
        {
            var product = (await catalog.GetProductsAsync([productId], ct)).SingleOrDefault();
            if (product is null || product.ShopId != booth.ShopId || product.Status == ProductStatus.Deleted)
            {
                return Error.Validation("productId", "exhibitions.lead.unknown_product", "This booth's shop has no such product.");
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
            VisitorUserId = visitorUserId,
            Status = LeadStatus.New,
            CreatedAt = now,
            UpdatedAt = now,
            Day = Jakarta.Day(now),
        };
        db.Leads.Add(lead);
        // Counted by the insights (exhibition outcomes per city); only ids and the kind leave the module, never the contact.
        db.AddIntegrationEvent(new Contracts.LeadReceived(lead.Id, lead.ExhibitionId, lead.BoothId, booth.ShopId, lead.Kind.ToString().ToLowerInvariant(), now) { OccurredAt = now });
        await db.SaveChangesAsync(ct);
        return lead;
    }
}
