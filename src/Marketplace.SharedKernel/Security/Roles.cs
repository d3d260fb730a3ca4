using System.Security.Claims;

namespace Marketplace.SharedKernel.Security;

/// <summary>The four roles of the marketplace; a token carries exactly one.</summary>
public static class Roles
{
    public const string Shopper = "shopper";
    public const string Merchant = "merchant";
    public const string Organiser = "organiser";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Shopper, Merchant, Organiser, Admin];

    /// <summary>Roles anyone may pick when registering; admins are made by other admins or the seed.</summary>
    public static readonly IReadOnlyList<string> SelfService = [Shopper, Merchant, Organiser];
}

/// <summary>Authorization policy names, one per role, registered by the host.</summary>
public static class Policies
{
    public const string Merchant = "merchant";
    public const string Organiser = "organiser";
    public const string Admin = "admin";
}

public static class ClaimsPrincipalExtensions
{
    public static Guid? UserId(this ClaimsPrincipal user)
    {
        var value = user.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? user.FindFirst("sub")?.Value;
        return Guid.TryParse(value, out var id) ? id : null;
    }

    public static bool IsAdmin(this ClaimsPrincipal user) => user.IsInRole(Roles.Admin);
}
