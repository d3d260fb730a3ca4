using Marketplace.Web.Api;
using Marketplace.Web.Api.Seller;
using Marketplace.Web.Session;
using Microsoft.AspNetCore.Components;
using Refit;

namespace Marketplace.Web.Seller;

/// <summary>
/// What every seller-centre page does first: a guest goes to sign-in (and comes back), an account that is not a merchant
/// gets the 403 page, a merchant's shop is loaded (null until one is opened). Ownership of everything else is the API's
/// to check: a page asks for the shop's own orders, leads, balance, and the API answers 403/404 for someone else's,
/// which becomes the 403/404 page.
/// </summary>
public abstract class SellerPage : ComponentBase
{
    [Inject] internal ISellerApi Seller { get; set; } = null!;

    [Inject] internal WebSession Session { get; set; } = null!;

    [Inject] internal FormOnce Once { get; set; } = null!;

    [Inject] protected NavigationManager Nav { get; set; } = null!;

    /// <summary>The merchant's shop (the first one: the seller centre manages one shop per account), null before it is opened.</summary>
    public SellerShop? Shop { get; private set; }

    protected string RelativeUrl => "/" + Nav.ToBaseRelativePath(Nav.Uri);

    protected ApiProblem? Problem { get; set; }

    protected string? Invalid(string field) => Problem?.Has(field) == true ? "true" : null;

    /// <summary>Signs in, checks the role, loads the shop. With <paramref name="needShop"/> a merchant without a shop is sent to open one.</summary>
    protected async Task RequireRoleAsync(string role = "merchant", bool needShop = true)
    {
        if (!Session.IsSignedIn)
        {
            Nav.NavigateTo("/sign-in?returnUrl=" + Uri.EscapeDataString(RelativeUrl) + (Session.Expired ? "&expired=true" : ""));
            return;
        }

        if (!string.Equals(Session.Data!.Role, role, StringComparison.OrdinalIgnoreCase))
        {
            throw new WebForbiddenException($"The {role} pages are not for a {Session.Data.Role}.");
        }

        if (role != "merchant")
        {
            return;
        }

        var shops = await Seller.MyShopsAsync();
        Shop = shops.OrderBy(s => s.CreatedAt).FirstOrDefault();
        if (Shop is null && needShop)
        {
            Nav.NavigateTo("/seller/shop");
        }
    }

    /// <summary>Runs an API call for a form; a 4xx answer (not 401/403/404/429, which are pages of their own) becomes field errors.</summary>
    protected async Task<bool> TryAsync(Func<Task> call)
    {
        try
        {
            Problem = null;
            await call();
            return true;
        }
        catch (ApiException e) when ((int)e.StatusCode is >= 400 and < 500 and not 401 and not 403 and not 404 and not 429)
        {
            Problem = ApiProblem.From(e);
            return false;
        }
    }

    /// <summary>Rupiah typed by a person ("25.000", "25000", "Rp 25.000") to minor units; null when it is not a whole amount.</summary>
    protected static long? Rupiah(string? typed) => RupiahInput.ToMinorUnits(typed);
}
