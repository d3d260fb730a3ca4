using Marketplace.BuildingBlocks.Errors;
using Marketplace.SharedKernel.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Marketplace.Catalog.Taxonomy;

internal sealed record SubsectorResponse(string Code, string Name, string NameEn);

internal sealed record ProvinceResponse(string Code, string Name);

internal sealed record CityResponse(string Code, string Name, string ProvinceCode);

internal static class TaxonomyEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/subsectors", ListSubsectors).WithTags("Taxonomy")
            .WithName("Taxonomy_ListSubsectors").AllowAnonymous()
            .WithSummary("The 17 creative-economy sub-sectors; `code` is what shops and products refer to.")
            .WithDescription("Indonesian and English names. Shipped data that never changes at run time; cacheable for an hour.");
        api.MapGet("/regions/provinces", ListProvinces).WithTags("Taxonomy")
            .WithName("Taxonomy_ListProvinces").AllowAnonymous()
            .WithSummary("Indonesia's provinces with their official codes.")
            .WithDescription("The 38 provinces (Kemendagri codes, e.g. 35 for Jawa Timur). Cacheable for an hour.");
        api.MapGet("/regions/cities", ListCities).WithTags("Taxonomy")
            .WithName("Taxonomy_ListCities").AllowAnonymous().ProducesValidationProblem()
            .WithSummary("Cities (kota) and regencies (kabupaten), optionally of one province and/or matching a name.")
            .WithDescription("The 514 cities and regencies with their official codes (e.g. 35.73 for Kota Malang), the codes shops, " +
                             "products and exhibitions refer to. 400 for an unknown province or a query over 100 characters.");
    }

    private static async Task<Ok<IReadOnlyList<SubsectorResponse>>> ListSubsectors(TaxonomySnapshot taxonomy, HttpContext http, CancellationToken ct)
    {
        var t = await taxonomy.GetAsync(ct);
        http.Response.Headers.CacheControl = "public, max-age=3600";
        return TypedResults.Ok<IReadOnlyList<SubsectorResponse>>(t.Subsectors.Select(s => new SubsectorResponse(s.Code, s.Name, s.NameEn)).ToList());
    }

    private static async Task<Ok<IReadOnlyList<ProvinceResponse>>> ListProvinces(TaxonomySnapshot taxonomy, HttpContext http, CancellationToken ct)
    {
        var t = await taxonomy.GetAsync(ct);
        http.Response.Headers.CacheControl = "public, max-age=3600";
        return TypedResults.Ok<IReadOnlyList<ProvinceResponse>>(t.Provinces.Select(p => new ProvinceResponse(p.Code, p.Name)).ToList());
    }

    /// <param name="province">Official province code, e.g. 35 (Jawa Timur).</param>
    /// <param name="q">Part of the name, any case, e.g. "malang".</param>
    private static async Task<Results<Ok<IReadOnlyList<CityResponse>>, ProblemHttpResult>> ListCities(
        TaxonomySnapshot taxonomy, HttpContext http, string? province, string? q, CancellationToken ct)
    {
        if (q is { Length: > 100 })
        {
            return Error.Validation("q", "taxonomy.query_too_long", "q must be at most 100 characters.").ToProblem();
        }

        var t = await taxonomy.GetAsync(ct);
        if (province is not null && !t.ProvincesByCode.ContainsKey(province))
        {
            return Error.Validation("province", "taxonomy.unknown_province", $"There is no province with code '{province}'.").ToProblem();
        }

        var needle = q?.Trim().ToLowerInvariant();
        var cities = t.Cities
            .Where(c => province is null || c.ProvinceCode == province)
            .Where(c => string.IsNullOrEmpty(needle) || c.SearchName.Contains(needle, StringComparison.Ordinal))
            .Select(c => new CityResponse(c.Code, c.Name, c.ProvinceCode))
            .ToList();
        http.Response.Headers.CacheControl = "public, max-age=3600";
        return TypedResults.Ok<IReadOnlyList<CityResponse>>(cities);
    }
}
