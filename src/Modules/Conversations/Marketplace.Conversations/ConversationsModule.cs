using FluentValidation;
using Marketplace.BuildingBlocks.Modules;
using Marketplace.BuildingBlocks.Outbox;
using Marketplace.BuildingBlocks.Persistence;
using Marketplace.BuildingBlocks.RateLimiting;
using Marketplace.Conversations.Chat;
using Marketplace.Conversations.Contracts;
using Marketplace.Conversations.Persistence;
using Marketplace.Conversations.Realtime;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Marketplace.Conversations;

/// <summary>
/// Live consultation: conversations between visitors and exhibitors (REST + the SignalR hub) and mentoring clinics
/// (MSMEs booking a mentor's slot during an exhibition). Clinics live here rather than in Exhibitions: they are a
/// consultation between two parties with their own booking race and notes, they need only the exhibition's timetable and
/// exhibitors (contracts), and the Exhibitions module stays the booths-and-leads one. The one entry point.
/// </summary>
public static class ConversationsModule
{
    public static System.Reflection.Assembly Assembly => typeof(ConversationsModule).Assembly;

    /// <summary>
    /// The clock of the chat's booth checks (how fresh a remembered booth state is, and whether its exhibition runs). The
    /// app's clock unless a test registers its own under this key to move time by hand.
    /// </summary>
    public const string ClockKey = "conversations.clock";

    public static IServiceCollection AddConversationsModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<ConversationsDbContext>((sp, options) => options
            .UseMarketplaceStore(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value, ConversationsDbContext.Module)
            .UseOutboxSignal<ConversationsDbContext>(sp));
        services.AddOutbox<ConversationsDbContext>(typeof(ConversationHubContract).Assembly);
        services.AddIntegrationEventTypes(typeof(Marketplace.Engagement.Contracts.NotificationRequested).Assembly);
        services.AddSingleton<IModuleDatabase>(new ModuleDatabase<ConversationsDbContext>(ConversationsDbContext.Module));

        services.AddRateLimitPolicy(ConversationRateLimits.Messages, configuration.GetSection("RateLimits:ChatMessages"), 60, TimeSpan.FromMinutes(1));
        services.AddSignalR(o =>
        {
            // A message is at most 2,000 characters; a frame far beyond that is not a message.
            o.MaximumReceiveMessageSize = 16 * 1024;
            o.EnableDetailedErrors = false;
        }).AddJsonProtocol(json =>
            // The same enum spelling as the REST answers ("visitor", "shop").
            json.PayloadSerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.SnakeCaseLower)));
        services.AddSingleton<HubLifetimeManager<ConversationHub>, ResilientHubLifetimeManager<ConversationHub>>();
        services.AddScoped<ChatBroadcaster>();
        services.AddScoped<Chats>();
        services.TryAddKeyedSingleton<TimeProvider>(ClockKey, (sp, _) => sp.GetRequiredService<TimeProvider>());
        services.AddOptions<ChatOptions>().Bind(configuration.GetSection("Conversations"))
            .Validate(o => o.BoothStateCacheTtl >= TimeSpan.Zero, "Conversations:BoothStateCacheTtl cannot be negative.")
            .ValidateOnStart();
        services.AddSingleton<BoothStates>();

        // Browsers cannot put headers on a WebSocket: the hub takes the access token from the query string (only there).
        services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, bearer =>
        {
            bearer.Events ??= new JwtBearerEvents();
            var previous = bearer.Events.OnMessageReceived;
            bearer.Events.OnMessageReceived = async context =>
            {
                await previous(context);
                if (context.Token is null && context.HttpContext.Request.Path.StartsWithSegments(ConversationHubContract.Path)
                    && context.Request.Query["access_token"].FirstOrDefault() is { Length: > 0 } token)
                {
                    context.Token = token;
                }
            };
        });
        services.AddOptions<Clinics.ClinicOptions>().Bind(configuration.GetSection("Clinics"))
            .Validate(o => o.ReminderLead > TimeSpan.Zero && o.ReminderScanInterval > TimeSpan.Zero, "Clinics:ReminderLead and ReminderScanInterval must be positive.")
            .ValidateOnStart();
        services.AddHostedService<Clinics.ClinicReminders>();
        services.AddValidatorsFromAssembly(Assembly, ServiceLifetime.Singleton, includeInternalTypes: true);
        return services;
    }

    public static IEndpointRouteBuilder MapConversationsEndpoints(this IEndpointRouteBuilder api)
    {
        ConversationEndpoints.Map(api);
        Clinics.ClinicEndpoints.Map(api);
        return api;
    }

    /// <summary>The SignalR hub at <c>/hubs/conversations</c> (outside <c>/api/v1</c>).</summary>
    public static IEndpointRouteBuilder MapConversationsHub(this IEndpointRouteBuilder app)
    {
        ConversationEndpoints.MapHub(app);
        return app;
    }
}

/// <summary>The chat's rate-limit policy.</summary>
internal static class ConversationRateLimits
{
    /// <summary>
    /// Messages per address and per account (<c>RateLimits:ChatMessages</c>, default 60 a minute). Its own budget, not
    /// the shared Posting one (20 a minute): a live conversation runs faster than reviews and leads, yet a flood of
    /// 1,000 a minute is still cut at 60.
    /// </summary>
    public const string Messages = "chat-messages";
}
