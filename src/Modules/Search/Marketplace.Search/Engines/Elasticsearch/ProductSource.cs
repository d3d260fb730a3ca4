using System.Text.Json;
using Marketplace.Search.Analysis;

namespace Marketplace.Search.Engines.Elasticsearch;

/// <summary>
/// A product as stored in the index (<c>_source</c>): <see cref="SearchDocument"/> flattened to the mapped fields of
/// <see cref="ElasticsearchIndexDefinition"/> (camelCase JSON). The field names are the API's highlight names.
/// </summary>
internal sealed record ProductSource(
    string ProductId,
    string ShopId,
    string ShopSlug,
    string ShopName,
    bool ShopVerified,
    string Name,
    string NameKey,
    string? NameEn,
    string? Description,
    string? DescriptionEn,
    string? Story,
    string? Category,
    IReadOnlyList<string> Materials,
    string SubsectorCode,
    string SubsectorName,
    string CityCode,
    string CityName,
    string ProvinceCode,
    string ProvinceName,
    long PriceAmount,
    string Currency,
    int Stock,
    bool Halal,
    bool Handmade,
    string? ImageUrl,
    DateTimeOffset CreatedAt,
    DateTimeOffset ListedAt,
    long Version,
    IReadOnlyList<string> ExhibitionIds,
    IReadOnlyList<string> ExhibitionSlugs)
{
    /// <summary>
    /// How a document is written and read: camelCase, nulls left out (an absent optional field and a null one index the
    /// same). Applied to the client's source serializer's own options (see <see cref="ElasticsearchTransport"/>).
    /// </summary>
    public static void ConfigureJson(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.PropertyNameCaseInsensitive = true;
        options.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowReadingFromString;
        options.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull;
    }

    /// <summary>Document ids and id filters use the lower-case "D" form of a Guid.</summary>
    public static string Id(Guid id) => id.ToString("D");

    public static ProductSource From(SearchDocument d) => new(
        Id(d.ProductId), Id(d.ShopId), d.ShopSlug, d.ShopName, d.ShopVerified,
        d.Name, SynonymList.Normalize(d.Name), d.NameEn, d.Description, d.DescriptionEn, d.Story, d.Category, d.Materials,
        d.SubsectorCode, d.SubsectorName, d.CityCode, d.CityName, d.ProvinceCode, d.ProvinceName,
        d.PriceAmount, d.Currency, d.Stock, d.Halal, d.Handmade, d.ImageUrl,
        d.CreatedAt, d.ListedAt, d.Version,
        [.. d.Exhibitions.Select(e => Id(e.ExhibitionId))], [.. d.Exhibitions.Select(e => e.Slug)]);
}
