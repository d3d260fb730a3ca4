using Marketplace.Engagement;
using Marketplace.Exhibitions;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Engagement.Tests;

[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<EngagementApp>
{
    public const string Name = "engagement-app";
}

[CollectionDefinition(Name)]
public sealed class PostgresAppCollection : ICollectionFixture<EngagementAppOnPostgres>
{
    public const string Name = "engagement-app-postgres";
}

public sealed class EngagementAppOnPostgres : EngagementApp
{
    public EngagementAppOnPostgres() => Provider = StoreProvider.Postgres;
}

/// <summary>
/// The app with one hand-moved clock for the Engagement and Exhibitions modules (the rest keeps real time, so tokens stay
/// valid): review windows and the exhibition timetable are driven by moving it. Tests arrange everything relative to the
/// clock's current time, so one test moving it does not disturb the next. The per-account review limit is low so a test can reach it; the
/// per-address one is high because every test client comes from the same loopback address.
/// </summary>
public class EngagementApp : MarketplaceApp
{
    public const int ReviewsPerAccountPerHour = 5;

    public EngagementApp()
    {
        Settings["Engagement:Reviews:PostsPerAccountPerHour"] = ReviewsPerAccountPerHour.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Settings["Engagement:Reviews:PostsPerAddressPerHour"] = "100000";
        Settings["Engagement:Notifications:ScheduleScanInterval"] = "00:00:00.100";
    }

    public FakeClock Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureTestServices(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder) =>
        builder.ConfigureServices(services =>
        {
            services.AddKeyedSingleton<TimeProvider>(EngagementModule.ClockKey, Clock);
            services.AddKeyedSingleton<TimeProvider>(ExhibitionsModule.ClockKey, Clock);
        });
}

/// <summary>A clock that tests move by hand. Starts at the real time, so nothing else looks odd.</summary>
public sealed class FakeClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);

    /// <summary>Back to the real time (e.g. to compare with times other modules record on the real clock).</summary>
    public void Reset() => Interlocked.Exchange(ref _ticks, DateTimeOffset.UtcNow.UtcTicks);
}
