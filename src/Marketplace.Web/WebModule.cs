using System.Globalization;
using Marketplace.Web.Api;
using Marketplace.Web.Api.Organiser;
using Marketplace.Web.Api.Seller;
using Marketplace.Web.Components;
using Marketplace.Web.Localization;
using Marketplace.Web.Session;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Refit;

namespace Marketplace.Web;

/// <summary>
/// The shoppers' and visitors' pages (Blazor static server rendering) as one unit a host adds: <see cref="AddMarketplaceWeb"/>,
/// <see cref="UseMarketplaceWeb"/> (after the host's own error handling, so pages get HTML error pages and the API keeps
/// its ProblemDetails) and <see cref="MapMarketplaceWeb"/>. The pages reach data only through the public /api/v1.
/// </summary>
public static class WebModule
{
    private static readonly string[] ApiPrefixes = ["/api", "/openapi", "/docs", "/health", "/metrics", "/scalar", "/hubs"];

    public static IServiceCollection AddMarketplaceWeb(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<WebOptions>().Bind(configuration.GetSection("Web"))
            .Validate(o => o.ApiBaseUrl.Length == 0 || Uri.TryCreate(o.ApiBaseUrl, UriKind.Absolute, out _), "Web:ApiBaseUrl must be an absolute URL.")
            .Validate(o => o.PublicBaseUrl.Length == 0 || Uri.TryCreate(o.PublicBaseUrl, UriKind.Absolute, out _), "Web:PublicBaseUrl must be an absolute URL.")
            .ValidateOnStart();
        // The host's pipeline runs UseAntiforgery whether or not the pages are served (API form uploads validate with it
        // too), so its services are there either way; without them an API-only instance (Web:Enabled=false) cannot start.
        services.AddAntiforgery();
        if (!configuration.GetValue("Web:Enabled", true))
        {
            return services;
        }

        services.AddRazorComponents();
        // A 10,000-character search in the address bar gets the search page's "too long" message rather than
        // Kestrel's bare 414 (the default request line limit is 8 KB).
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel =>
            kestrel.Limits.MaxRequestLineSize = Math.Max(kestrel.Limits.MaxRequestLineSize, 64 * 1024));
        services.AddHttpContextAccessor();
        services.AddMemoryCache();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IDistributedCache>(sp => new Microsoft.Extensions.Caching.Distributed.MemoryDistributedCache(
            Options.Create(new Microsoft.Extensions.Caching.Memory.MemoryDistributedCacheOptions())));

        // Session data and antiforgery tokens are encrypted with these keys; kept with the data so a restart does not
        // sign everyone out or invalidate open forms. Several instances behind one load balancer must share them
        // (Web:KeysDirectory on a volume every instance mounts), or a cookie issued by one is garbage to the next.
        var dataDirectory = configuration.GetValue<string>("DataDirectory") is { Length: > 0 } dir ? dir : "data";
        var keys = configuration.GetValue<string>("Web:KeysDirectory") is { Length: > 0 } shared
            ? Path.GetFullPath(shared, environment.ContentRootPath)
            : Path.Combine(Path.GetFullPath(dataDirectory, environment.ContentRootPath), "web-keys");
        services.AddDataProtection()
            .SetApplicationName("Marketplace.Web")
            .PersistKeysToFileSystem(new DirectoryInfo(keys));

        services.AddSingleton<IStringLocalizerFactory, JsonStringLocalizerFactory>();
        services.AddSingleton(typeof(IStringLocalizer<>), typeof(JsonStringLocalizer<>));
        services.AddScoped<WebSession>();
        services.AddSingleton<CardPayments>();
        services.AddSingleton<ApiAddress>();
        services.AddTransient<ApiAddressHandler>();
        services.AddTransient<ApiSessionHandler>();

        // Generated at build time: the request builder by Refit's generator, the JSON by System.Text.Json's (ApiJsonContext).
        services.AddRefitGeneratedClient<IMarketplaceApi>(ApiJsonContext.Default)
            // A placeholder: ApiAddressHandler puts the real address on each request (known only once the server listens).
            .ConfigureHttpClient(client =>
            {
                client.BaseAddress = new Uri("http://api.invalid/");
                client.Timeout = TimeSpan.FromSeconds(30);
            })
            .AddHttpMessageHandler<ApiAddressHandler>()
            .AddHttpMessageHandler<ApiSessionHandler>();
        services.AddSellerApi();
        // The organiser's console and the insights pages: their own client and JSON context, the same handlers.
        services.AddRefitGeneratedClient<IOrganiserApi>(OrganiserJsonContext.Default)
            .ConfigureHttpClient(client =>
            {
                client.BaseAddress = new Uri("http://api.invalid/");
                client.Timeout = TimeSpan.FromSeconds(30);
            })
            .AddHttpMessageHandler<ApiAddressHandler>()
            .AddHttpMessageHandler<ApiSessionHandler>();
        return services;
    }

    /// <summary>Error pages, language and session for the pages; the API's paths pass untouched.</summary>
    public static IApplicationBuilder UseMarketplaceWeb(this IApplicationBuilder app)
    {
        if (!app.ApplicationServices.GetRequiredService<IConfiguration>().GetValue("Web:Enabled", true))
        {
            return app;
        }

        var localization = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(JsonStringLocalizer.DefaultLanguage),
            SupportedCultures = JsonStringLocalizer.Languages.Select(l => new CultureInfo(l)).ToList(),
            SupportedUICultures = JsonStringLocalizer.Languages.Select(l => new CultureInfo(l)).ToList(),
            FallBackToParentCultures = true,
            FallBackToParentUICultures = true,
        };
        // The language switch's cookie first, then the browser's Accept-Language on a first visit.
        localization.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];

        app.UseWhen(IsPage, web =>
        {
            // Language and session first: the error pages below render in the shopper's language with the header intact.
            web.UseRequestLocalization(localization);
            web.Use(async (context, next) =>
            {
                await context.RequestServices.GetRequiredService<WebSession>().LoadAsync(context.RequestAborted);
                context.Response.Headers.XContentTypeOptions = "nosniff";
                context.Response.Headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                context.Response.Headers.XFrameOptions = "DENY";
                await next(context);
            });
            web.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandler = ErrorPages.ExceptionAsync,
                // The API's 404 (unknown slug, someone else's order) is answered with the 404 page on purpose.
                AllowStatusCode404Response = true,
                // The page's own component state (navigation, form) is spent; the error page renders in a fresh scope.
                CreateScopeForErrors = true,
                // A 404 or 429 from the API is an answer, not a fault of this app: the page says so, the log stays quiet.
                SuppressDiagnosticsCallback = c => c.Exception is ApiException { StatusCode: < System.Net.HttpStatusCode.InternalServerError } or WebNotFoundException or WebForbiddenException,
            });
            // An error answered without a body (no route, a refused antiforgery token, a 405) becomes a page. Checked after
            // the endpoint rather than with status code pages, which leave alone answers that set a content type.
            web.Use(async (context, next) =>
            {
                await next(context);
                if (context.Response is { HasStarted: false, StatusCode: >= 400 })
                {
                    await ErrorPages.StatusCodeAsync(context);
                }
            });
        });
        return app;
    }

    public static IEndpointRouteBuilder MapMarketplaceWeb(this IEndpointRouteBuilder endpoints)
    {
        if (!endpoints.ServiceProvider.GetRequiredService<IConfiguration>().GetValue("Web:Enabled", true))
        {
            return endpoints;
        }

        // The CSS, scripts and Blazor's script, fingerprinted and precompressed by the build. A host built without them
        // (a test project that references the API but does not copy its asset manifest) still serves the pages.
        var environment = endpoints.ServiceProvider.GetRequiredService<IHostEnvironment>();
        if (File.Exists(Path.Combine(AppContext.BaseDirectory, environment.ApplicationName + ".staticwebassets.endpoints.json")))
        {
            endpoints.MapStaticAssets();
        }

        endpoints.MapRazorComponents<App>();
        WebEndpoints.Map(endpoints);
        Seller.SellerDownloads.Map(endpoints);
        OrganiserEndpoints.Map(endpoints);
        return endpoints;
    }

    private static bool IsPage(HttpContext context) =>
        !ApiPrefixes.Any(prefix => context.Request.Path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase));
}

internal sealed class JsonStringLocalizerFactory : IStringLocalizerFactory
{
    public IStringLocalizer Create(Type resourceSource) => new JsonStringLocalizer();

    public IStringLocalizer Create(string baseName, string location) => new JsonStringLocalizer();
}
