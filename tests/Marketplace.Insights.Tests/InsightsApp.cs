using Marketplace.Orders.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Insights.Tests;

[CollectionDefinition(Name)]
public sealed class InsightsCollection : ICollectionFixture<InsightsApp>
{
    public const string Name = "insights-app";
}

[CollectionDefinition(Name)]
public sealed class InsightsPostgresCollection : ICollectionFixture<InsightsAppOnPostgres>
{
    public const string Name = "insights-app-postgres";
}

public sealed class InsightsAppOnPostgres : InsightsApp
{
    public InsightsAppOnPostgres() => Provider = StoreProvider.Postgres;
}

/// <summary>The app with a recorder of the Orders' events, to deliver one a second time as an at-least-once outbox may.</summary>
public class InsightsApp : MarketplaceApp
{
    public EventRecorder Events { get; } = new();

    protected override void ConfigureTestServices(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder) =>
        builder.ConfigureServices(services => Events.Register(services, typeof(OrderPaid)));
}
