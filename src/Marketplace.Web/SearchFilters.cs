using System.Globalization;
using System.Text;

namespace Marketplace.Web;

/// <summary>
/// The search page's state as it lives in the URL (so every result page can be shared and works without JavaScript):
/// facet and sort links are this record <c>with</c> one value changed, rendered by <see cref="Href"/>. A new filter
/// goes back to page 1; everything else is kept.
/// </summary>
public sealed record SearchFilters
{
    public string? Q { get; init; }

    public string? Subsector { get; init; }

    public string? City { get; init; }

    public bool? Halal { get; init; }

    public long? MinPrice { get; init; }

    public long? MaxPrice { get; init; }

    public string? Sort { get; init; }

    public int Page { get; init; } = 1;

    public static readonly IReadOnlyList<string> Sorts = ["relevance", "newest", "price_asc", "price_desc"];

    public bool HasFilter => Subsector is not null || City is not null || Halal is not null || MinPrice is not null || MaxPrice is not null;

    /// <summary>Applies a facet (or clears it when it is the one already chosen) and goes back to the first page.</summary>
    public SearchFilters Toggle(string facet, string value) => facet switch
    {
        "subsector" => this with { Subsector = Subsector == value ? null : value, Page = 1 },
        "city" => this with { City = City == value ? null : value, Page = 1 },
        "halal" => this with { Halal = Halal?.ToString().ToLowerInvariant() == value ? null : bool.Parse(value), Page = 1 },
        _ => throw new ArgumentOutOfRangeException(nameof(facet), facet, "Unknown facet."),
    };

    public SearchFilters TogglePrice(long? from, long? to) =>
        MinPrice == from && MaxPrice == to ? this with { MinPrice = null, MaxPrice = null, Page = 1 } : this with { MinPrice = from, MaxPrice = to, Page = 1 };

    public string Href()
    {
        var query = new StringBuilder();
        Add(query, "q", Q);
        Add(query, "subsector", Subsector);
        Add(query, "city", City);
        Add(query, "halal", Halal?.ToString().ToLowerInvariant());
        Add(query, "minPrice", MinPrice?.ToString(CultureInfo.InvariantCulture));
        Add(query, "maxPrice", MaxPrice?.ToString(CultureInfo.InvariantCulture));
        Add(query, "sort", Sort is "relevance" ? null : Sort);
        Add(query, "page", Page > 1 ? Page.ToString(CultureInfo.InvariantCulture) : null);
        return query.Length == 0 ? "/search" : "/search?" + query;
    }

    private static void Add(StringBuilder query, string name, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        if (query.Length > 0)
        {
            query.Append('&');
        }

        query.Append(name).Append('=').Append(Uri.EscapeDataString(value));
    }
}
