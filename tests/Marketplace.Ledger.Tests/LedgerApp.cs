using System.Collections.Concurrent;
using Marketplace.Orders.Contracts;
using Marketplace.SharedKernel.Events;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Ledger.Tests;

[CollectionDefinition(Name)]
public sealed class LedgerCollection : ICollectionFixture<LedgerApp>
{
    public const string Name = "ledger-app";
}

[CollectionDefinition(Name)]
public sealed class LedgerPostgresCollection : ICollectionFixture<LedgerAppOnPostgres>
{
    public const string Name = "ledger-app-postgres";
}

public sealed class LedgerAppOnPostgres : LedgerApp
{
    public LedgerAppOnPostgres() => Provider = StoreProvider.Postgres;
}

/// <summary>
/// The app with Stripe pointed at the local double, a clock tests can move, a fast release job, a small payout minimum,
/// and a recorder of the Orders' <c>OrderPaid</c> events (to deliver one again).
/// </summary>
public class LedgerApp : MarketplaceApp
{
    public const long MinimumPayout = 1_000_000;

    public LedgerApp()
    {
        Settings["Payments:Stripe:SecretKey"] = StripeDouble.SecretKey;
        Settings["Payments:Stripe:WebhookSecret"] = StripeDouble.WebhookSecret;
        Settings["Payments:Stripe:ApiBase"] = Stripe.Url;
        Settings["Ledger:JobInterval"] = "00:00:00.200";
        Settings["Ledger:ReleaseAfterShipped"] = "7.00:00:00";
        Settings["Ledger:Payouts:MinimumAmount"] = MinimumPayout.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Settings["Ledger:DefaultCommissionRateBps"] = "500";
        // The randomized run can outlast a 15-minute access token on a loaded machine.
        Settings["Identity:Jwt:AccessTokenLifetime"] = "02:00:00";
        // Weekly payouts happen on the day the tests run (a run across midnight UTC may miss them once).
        Settings["Ledger:Payouts:WeeklyDay"] = DateTime.UtcNow.DayOfWeek.ToString();
    }

    public StripeDouble Stripe { get; } = new();

    public MovableClock Clock { get; } = new();

    public ConcurrentQueue<OrderPaid> PaidEvents { get; } = new();

    protected override void ConfigureTestServices(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder) =>
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<IIntegrationEventHandler<OrderPaid>>(new Recorder(PaidEvents));
        });

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Stripe.Dispose();
        }

        base.Dispose(disposing);
    }

    private sealed class Recorder(ConcurrentQueue<OrderPaid> events) : IIntegrationEventHandler<OrderPaid>
    {
        public Task HandleAsync(OrderPaid integrationEvent, CancellationToken cancellationToken)
        {
            events.Enqueue(integrationEvent);
            return Task.CompletedTask;
        }
    }
}

/// <summary>The system clock plus an offset a test can move (and must put back).</summary>
public sealed class MovableClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public void Reset() => Interlocked.Exchange(ref _offsetTicks, 0);
}
