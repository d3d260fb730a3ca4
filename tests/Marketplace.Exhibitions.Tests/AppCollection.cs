using System.Collections.Concurrent;
using Marketplace.Exhibitions;
using Marketplace.Exhibitions.Contracts;
using Marketplace.SharedKernel.Events;
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
    public FakeClock Clock { get; } = new(DateTimeOffset.UtcNow);

    public ConcurrentQueue<IntegrationEvent> Events { get; } = new();

    protected override void ConfigureTestServices(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder) =>
        builder.ConfigureServices(services =>
        {
            services.AddKeyedSingleton<TimeProvider>(ExhibitionsModule.ClockKey, Clock);
            services.AddSingleton<IIntegrationEventHandler<BoothOpened>>(new Recorder<BoothOpened>(Events));
            services.AddSingleton<IIntegrationEventHandler<BoothClosed>>(new Recorder<BoothClosed>(Events));
        });

    private sealed class Recorder<T>(ConcurrentQueue<IntegrationEvent> events) : IIntegrationEventHandler<T>
        where T : IntegrationEvent
    {
        public Task HandleAsync(T integrationEvent, CancellationToken cancellationToken)
        {
            events.Enqueue(integrationEvent);
            return Task.CompletedTask;
        }
    }
}

/// <summary>A clock that tests move by hand. Starts at the real time, so nothing else looks odd.</summary>
public sealed class FakeClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Set(DateTimeOffset now) => Interlocked.Exchange(ref _ticks, now.UtcTicks);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
