using System.Security.Claims;
using AutoMapper;
using Marketplace.Catalog.Contracts;
using Marketplace.Exhibitions.Persistence;
using Marketplace.SharedKernel.Errors;
using Marketplace.SharedKernel.Security;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Exhibitions.Exhibitions;

/// <summary>The rule "an organiser touches only their own exhibitions", in one place.</summary>
internal static class ExhibitionAccess
{
    public static readonly Error NotFound = Error.NotFound("exhibitions.exhibition.not_found", "There is no such exhibition.");

    public static readonly Error NotOrganiser = Error.Forbidden("exhibitions.exhibition.not_organiser", "Only the exhibition's organiser may do this.");

    public static readonly Error Ended = Error.Conflict("exhibitions.exhibition.ended", "The exhibition has ended; it can no longer be changed.");

    public static async Task<Result<Exhibition>> FindOwnedAsync(ExhibitionsDbContext db, Guid id, ClaimsPrincipal user, CancellationToken ct)
    {
        var exhibition = await db.Exhibitions.SingleOrDefaultAsync(e => e.Id == id, ct);
        if (exhibition is null)
        {
            return NotFound;
        }

        return exhibition.OrganiserId == user.UserId() || user.IsAdmin() ? exhibition : NotOrganiser;
    }

    /// <summary>
    /// The same rule when only the answer is needed (reads): one column, no tiers and halls, nothing tracked — an
    /// analytics call served from memory spent most of its time loading the whole exhibition for this check.
    /// </summary>
    public static async Task<Result<Guid>> EnsureOwnedAsync(ExhibitionsDbContext db, Guid id, ClaimsPrincipal user, CancellationToken ct)
    {
        var organiserId = await db.Exhibitions.AsNoTracking().IgnoreAutoIncludes().Where(e => e.Id == id).Select(e => (Guid?)e.OrganiserId).SingleOrDefaultAsync(ct);
        if (organiserId is null)
        {
            return NotFound;
        }

        return organiserId == user.UserId() || user.IsAdmin() ? id : NotOrganiser;
    }

    /// <summary>Published exhibitions are public; a draft is seen only by its organiser (and admins).</summary>
    public static bool CanSee(Exhibition exhibition, ClaimsPrincipal user) =>
        exhibition.Published || exhibition.OrganiserId == user.UserId() || user.IsAdmin();

    public static async Task<ExhibitionResponse> ToResponseAsync(this Exhibition exhibition, IMapper mapper, ITaxonomy taxonomy, DateTimeOffset now, CancellationToken ct)
    {
        var response = mapper.Map<ExhibitionResponse>(exhibition, o => o.Items["now"] = now);
        var city = await taxonomy.FindCityAsync(exhibition.CityCode, ct);
        return response with { CityName = city?.Name };
    }
}
