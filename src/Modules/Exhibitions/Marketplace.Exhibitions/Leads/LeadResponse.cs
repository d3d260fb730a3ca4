using Marketplace.Exhibitions.Exhibitions;
using Marketplace.SharedKernel;

namespace Marketplace.Exhibitions.Leads;

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
