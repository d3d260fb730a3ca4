using FluentValidation;
using Marketplace.Catalog.Contracts;
using Marketplace.Exhibitions.Contracts;
using Marketplace.Exhibitions.Persistence;
using Marketplace.SharedKernel.Errors;

namespace Marketplace.Exhibitions.Leads;

/// <summary>Answers <see cref="IBoothLeads"/> with the lead form's own validator and <see cref="CreateLead.CreateAsync"/>.</summary>
internal sealed class BoothLeads(
    ExhibitionsDbContext db, ICatalogReader catalog, IValidator<CreateLeadRequest> validator,
    [FromKeyedServices(ExhibitionsModule.ClockKey)] TimeProvider clock) : IBoothLeads
{
    public async Task<BoothLeadResult> CreateAsync(BoothLeadIntake intake, CancellationToken ct)
    {
        var request = new CreateLeadRequest(intake.Kind, intake.Name, intake.Contact, null, intake.Message, intake.ProductId, intake.Quantity, intake.ShippingCityCode);
        var validation = await validator.ValidateAsync(request, ct);
        if (!validation.IsValid)
        {
            return new BoothLeadResult(null, validation.Errors
                .Select(e => Error.Validation(Marketplace.BuildingBlocks.Errors.ProblemResults.ToCamelPath(e.PropertyName), "validation." + e.ErrorCode, e.ErrorMessage))
                .ToList());
        }

        var created = await CreateLead.CreateAsync(intake.BoothId, request, intake.VisitorUserId, db, catalog, clock, ct);
        return created.IsSuccess ? new BoothLeadResult(created.Value.Id, []) : new BoothLeadResult(null, created.Errors);
    }
}
