using Marketplace.Web.Api;
using Marketplace.Web.Session;
using Refit;

namespace Marketplace.Web.Components.Pages;

/// <summary>After the API issued tokens: open the server-side session, learn who signed in, bring the guest cart along.</summary>
internal static class SignInFlow
{
    public static async Task CompleteAsync(IMarketplaceApi api, WebSession session, TokenResponse tokens, string email)
    {
        await session.SignInAsync(tokens, new UserResponse(Guid.Empty, email, email, "shopper"), CancellationToken.None);
        var me = await api.MeAsync();
        await session.SetUserAsync(me, CancellationToken.None);
        if (session.CartToken is { } guestCart)
        {
            try
            {
                var merged = await api.MergeCartAsync(guestCart);
                session.RememberCart(merged);
            }
            catch (ApiException e) when ((int)e.StatusCode is 404 or 409)
            {
                // An expired or already merged guest cart: nothing to bring along.
            }

            session.ForgetGuestCart();
        }
    }
}
