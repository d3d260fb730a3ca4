using System.Text.Json.Serialization;
using AutoMapper;
using Marketplace.Api.Hosting;
using Marketplace.Api.Hosting.Backup;
using Marketplace.BuildingBlocks.Caching;
using Marketplace.BuildingBlocks.Errors;
using Marketplace.BuildingBlocks.Http;
using Marketplace.BuildingBlocks.Modules;
using Marketplace.BuildingBlocks.Outbox;
using Marketplace.BuildingBlocks.Persistence;
using Marketplace.Cart;
using Marketplace.Catalog;
using Marketplace.Conversations;
using Marketplace.Engagement;
using Marketplace.Exhibitions;
using Marketplace.Insights;
using Marketplace.Ledger;
using Marketplace.Identity;
using Marketplace.Media;
using Marketplace.Orders;
using Marketplace.Search;
using Marketplace.Web;
using Marketplace.SharedKernel.Errors;
using Marketplace.SharedKernel.Security;
using Microsoft.AspNetCore.HttpOverrides;
using Scalar.AspNetCore;
using Serilog;

var verb = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : null;
var builder = WebApplication.CreateBuilder(verb is null ? args : args[1..]);
// The pages' CSS and scripts (and Blazor's) are static web assets; outside Development the host does not look for them
// in the build output unless asked (a published app has them in wwwroot, where this is a no-op).
builder.WebHost.UseStaticWebAssets();
var configuration = builder.Configuration;
var services = builder.Services;

builder.Host.UseSerilog((context, _, logger) => logger
    .ReadFrom.Configuration(context.Configuration)
    .Enrich.FromLogContext()
    .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}"));

services.AddOptions<DatabaseOptions>()
    .Configure(o =>
    {
        o.Provider = configuration.GetValue("Database:Provider", DatabaseProvider.Sqlite);
        o.ConnectionString = configuration.GetConnectionString("Marketplace") ?? "";
        o.SqliteSyncEveryCommit = configuration.GetValue("Database:SqliteSyncEveryCommit", false);
        // Relative to the content root (the project folder under `dotnet run`), not to wherever the shell happens to be.
        var dir = configuration.GetValue<string>("DataDirectory") is { Length: > 0 } configured ? configured : "data";
        o.DataDirectory = Path.GetFullPath(dir, builder.Environment.ContentRootPath);
    })
    .Validate(o => o.Provider != DatabaseProvider.Postgres || o.ConnectionString.Length > 0,
        "Database:Provider=Postgres needs ConnectionStrings:Marketplace.")
    .ValidateOnStart();
services.AddOptions<OutboxOptions>().Bind(configuration.GetSection("Outbox"));
services.AddMarketplaceCaching(configuration);
services.AddMarketplaceCompression();
services.AddOptions<SeedOptions>().Bind(configuration.GetSection("Seed"));
services.AddSingleton(TimeProvider.System);

services.ConfigureHttpJsonOptions(json =>
{
    json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.SnakeCaseLower));
    json.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
});
services.AddProblemDetails(problem => problem.CustomizeProblemDetails = context =>
{
    context.ProblemDetails.Extensions.TryAdd("traceId", context.HttpContext.TraceIdentifier);
    context.ProblemDetails.Extensions.TryAdd("code", context.ProblemDetails.Status switch
    {
        400 => "request.bad_request",
        401 => "auth.unauthenticated",
        403 => "auth.forbidden",
        404 => "http.not_found",
        405 => "http.method_not_allowed",
        415 => "request.unsupported_media_type",
        _ => "http.error",
    });
});
services.AddExceptionHandler<BadRequestExceptionHandler>();
services.AddExceptionHandler<StoreUnavailableExceptionHandler>();
// Binding failures throw in every environment, so BadRequestExceptionHandler can name the field in the problem.
services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
services.AddMarketplaceOpenApi();
services.AddMarketplaceHealthChecks();
services.AddMarketplaceMetrics();
services.AddAuthorizationBuilder()
    .AddPolicy(Policies.Merchant, p => p.RequireRole(Roles.Merchant))
    .AddPolicy(Policies.Organiser, p => p.RequireRole(Roles.Organiser))
    .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin));
services.AddHsts(hsts =>
{
    hsts.MaxAge = TimeSpan.FromDays(365);
    hsts.IncludeSubDomains = true;
});
// CORS stays closed (no policy: browsers refuse cross-origin calls) unless an operator names the origins that may call.
services.AddCors();
services.AddOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>().Configure<IConfiguration>((cors, config) =>
{
    var origins = (config.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? []).Where(o => !string.IsNullOrWhiteSpace(o)).ToArray();
    if (origins.Length > 0)
    {
        cors.AddDefaultPolicy(policy => policy.WithOrigins(origins).AllowAnyHeader().AllowAnyMethod()
            .WithExposedHeaders("ETag", "Location", "Retry-After"));
    }
});
builder.WebHost.AddManagementPort(configuration);

services.AddIdentityModule(configuration);
services.AddCatalogModule(configuration);
services.AddSearchModule(configuration);
services.AddCartModule(configuration);
services.AddOrdersModule(configuration);
services.AddExhibitionsModule(configuration);
services.AddMediaModule(configuration);
services.AddLedgerModule(configuration);
services.AddMarketplaceWeb(configuration, builder.Environment);
services.AddEngagementModule(configuration);
services.AddInsightsModule();
services.AddConversationsModule(configuration);

services.AddAutoMapper(mapper => mapper.LicenseKey = configuration["AutoMapper:LicenseKey"], IdentityModule.Assembly, CatalogModule.Assembly, CartModule.Assembly, OrdersModule.Assembly, ExhibitionsModule.Assembly);

services.AddSingleton<StoreInitializer>();
services.AddHostedService(sp => sp.GetRequiredService<StoreInitializer>());
services.AddSingleton<ICommandLineVerb, MigrateVerb>();
services.AddSingleton<ICommandLineVerb, SeedVerb>();
services.AddSingleton<ICommandLineVerb, BackupVerb>();
services.AddSingleton<ICommandLineVerb, RestoreVerb>();
services.AddSingleton<IBackupPart, SqliteStoreBackup>();

var app = builder.Build();

if (verb is not null)
{
    return await RunVerbAsync(app, verb, args[1..]);
}

// The web pages call this API over loopback and pass the shopper's address on; it is trusted only from loopback (the
// defaults), so per-client limits such as sign-in attempts count each shopper rather than the web.
app.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor });
app.UseSerilogRequestLogging();
app.UseMarketplaceCompression(); // outside the middleware that write or buffer bodies (the docs page's script hashing)
app.UseSecurityHeaders();
if (!app.Environment.IsDevelopment())
{
    // Only over HTTPS (directly, or X-Forwarded-Proto from the TLS proxy with forwarded headers enabled).
    app.UseHsts();
}

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseMarketplaceWeb(); // HTML error pages, language and session for the pages; the API's paths keep ProblemDetails
app.UseMiddleware<RequestBodyLimitMiddleware>(configuration.GetValue("Http:MaxRequestBodyBytes", 1_048_576L));
app.UseCors();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapOpenApi("/openapi/{documentName}.json");
app.MapScalarApiReference("/docs", scalar => scalar
    .WithTitle("Marketplace API")
    .WithOpenApiRoutePattern("/openapi/{documentName}.json")
    .AddPreferredSecuritySchemes(OpenApiSetup.BearerScheme))
    .WithContentSecurityPolicy(OpenApiSetup.DocsPagePolicy, hashInlineScripts: true);
if (!configuration.GetValue("Web:Enabled", true))
{
    app.MapGet("/", () => TypedResults.Redirect("/docs")).ExcludeFromDescription();
}

app.MapMarketplaceHealth();
app.MapMarketplaceMetrics();
app.MapMediaServing();

var api = app.MapGroup("/api/v1");
api.MapIdentityEndpoints();
api.MapCatalogEndpoints();
api.MapSearchEndpoints();
api.MapCartEndpoints();
api.MapOrdersEndpoints();
api.MapExhibitionsEndpoints();
api.MapOutboxAdministration();
api.MapMediaEndpoints();
api.MapLedgerEndpoints();
app.MapMarketplaceWeb();
api.MapEngagementEndpoints();
api.MapInsightsEndpoints();
api.MapConversationsEndpoints();
app.MapConversationsHub();

await app.RunAsync();
return 0;

static async Task<int> RunVerbAsync(WebApplication app, string verb, string[] arguments)
{
    var verbs = app.Services.GetServices<ICommandLineVerb>().ToList();
    var chosen = verbs.FirstOrDefault(v => string.Equals(v.Name, verb, StringComparison.OrdinalIgnoreCase));
    if (chosen is null)
    {
        await Console.Error.WriteLineAsync($"Unknown verb '{verb}'. Verbs:");
        foreach (var v in verbs)
        {
            await Console.Error.WriteLineAsync($"  {v.Name,-10} {v.Description}");
        }

        return 2;
    }

    using var cancel = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) =>
    {
        e.Cancel = true;
        cancel.Cancel();
    };
    await app.Services.GetRequiredService<StoreInitializer>().MigrateAsync(cancel.Token);
    var exit = await chosen.RunAsync(app.Services, arguments, cancel.Token);

    // Deliver what the verb queued (e.g. catalog events for the index) before the process ends.
    foreach (var drain in app.Services.GetServices<IOutboxDrain>())
    {
        await drain.DrainAsync(cancel.Token);
    }

    return exit;
}

/// <summary>The entry point, visible to the test host.</summary>
public partial class Program;
