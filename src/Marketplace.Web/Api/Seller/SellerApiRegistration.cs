using Microsoft.Extensions.DependencyInjection;
using Refit;

namespace Marketplace.Web.Api.Seller;

internal static class SellerApiRegistration
{
    /// <summary>The seller centre's client: same placeholder address and handlers as the shopper pages' client.</summary>
    public static IServiceCollection AddSellerApi(this IServiceCollection services)
    {
        services.AddRefitGeneratedClient<ISellerApi>(SellerJsonContext.Default)
            .ConfigureHttpClient(client =>
            {
                client.BaseAddress = new Uri("http://api.invalid/");
                client.Timeout = TimeSpan.FromSeconds(60);
            })
            .AddHttpMessageHandler<ApiAddressHandler>()
            .AddHttpMessageHandler<ApiSessionHandler>();
        services.AddSingleton<FormOnce>();
        return services;
    }
}
