using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Security.Tests;

/// <summary>
/// The app with one test-only addition: the <c>X-Test-Client-Address</c> header sets the connection's remote address,
/// so a test can play several clients (the in-memory test server has no sockets). Nothing in the product reads it.
/// </summary>
public class SecurityApp : MarketplaceApp
{
    public const string ClientAddressHeader = "X-Test-Client-Address";

    public SecurityApp()
    {
    }

    private SecurityApp(string? dataDirectory, StoreProvider provider)
        : base(dataDirectory) => Provider = provider;

    /// <summary>Starts on an existing data folder (a second start of the same store).</summary>
    public static SecurityApp On(string dataDirectory) => new(dataDirectory, StoreProvider.Sqlite);

    public static SecurityApp OnPostgres() => new(null, StoreProvider.Postgres);

    protected override void ConfigureTestServices(IWebHostBuilder builder) =>
        builder.ConfigureServices(services => services.AddTransient<IStartupFilter, ClientAddressFilter>());

    /// <summary>An anonymous client that comes from <paramref name="address"/>.</summary>
    public ApiClient From(string address)
    {
        var client = Anonymous();
        client.Http.DefaultRequestHeaders.Add(ClientAddressHeader, address);
        return client;
    }

    private sealed class ClientAddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext http, RequestDelegate nextMiddleware) =>
            {
                if (IPAddress.TryParse(http.Request.Headers[ClientAddressHeader].ToString(), out var address))
                {
                    http.Connection.RemoteIpAddress = address;
                }

                return nextMiddleware(http);
            });
            next(app);
        };
    }
}
