using Marketplace.Exhibitions;
using Marketplace.Exhibitions.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Exhibitions.Tests;

[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<ExhibitionsApp>
{
    public const string Name = "exhibitions-app";
}

/// <summary>The same tests on PostgreSQL: each abstract test class gets one sealed subclass per collection.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresAppCollection : ICollectionFixture<ExhibitionsAppOnPostgres>
{
    public const string Name = "exhibitions-app-postgres";
}

public sealed class ExhibitionsAppOnPostgres : ExhibitionsApp
{
    public ExhibitionsAppOnPostgres() => Provider = StoreProvider.Postgres;
}

/// <summary>
/// The app with the Exhibitions module's clock replaced by <see cref="Clock"/> (the rest of the app keeps real time, so
/// tokens stay valid), and a recorder of the events the module publishes.
/// </summary>
public class ExhibitionsApp : MarketplaceApp
{
    public ExhibitionsApp()
        : this(null)
    {
    }

    /// <param name="dataDirectory">Another app's folder, to restart on its store; null for a fresh one.</param>
    protected ExhibitionsApp(string? dataDirectory)
        : base(dataDirectory)
    {
    }

    public FakeClock Clock { get; } = new(DateTimeOffset.UtcNow);

    public EventRecorder Events { get; } = new();

    protected override void ConfigureTestServices(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder) =>
        builder.ConfigureServices(services =>
        {
            services.AddKeyedSingleton<TimeProvider>(ExhibitionsModule.ClockKey, Clock);
            Events.Register(services, typeof(BoothOpened), typeof(BoothClosed));
        });
}
