using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Conversations.Tests;

/// <summary>
/// The app with a chat limit no test reaches by accident (every test client shares the loopback address), and the
/// chat's booth clock in the tests' hand: a test moves it past <see cref="BoothStateCacheTtl"/> to see what an
/// instance remembered about a booth expire, without waiting.
/// </summary>
public class ConversationsApp : MarketplaceApp
{
    public static readonly TimeSpan BoothStateCacheTtl = TimeSpan.FromSeconds(5);

    public ConversationsApp()
    {
        Settings["RateLimits:ChatMessages:PermitLimit"] = "100000";
        Settings["Clinics:ReminderScanInterval"] = "00:00:00.100";
        Settings["Conversations:BoothStateCacheTtl"] = BoothStateCacheTtl.ToString();
    }

    /// <summary>Runs with the system clock; <see cref="FakeClock.Advance"/> moves it.</summary>
    public FakeClock BoothClock { get; } = new();

    protected override void ConfigureTestServices(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder) =>
        builder.ConfigureServices(services => services.AddKeyedSingleton<TimeProvider>(ConversationsModule.ClockKey, BoothClock));
}

public sealed class ConversationsAppOnPostgres : ConversationsApp
{
    public ConversationsAppOnPostgres() => Provider = StoreProvider.Postgres;
}

