namespace Marketplace.Identity.Tests;

public sealed class LoginRateLimitTestsOnSqlite() : LoginRateLimitTests(new MarketplaceApp());

public sealed class LoginRateLimitTestsOnPostgres() : LoginRateLimitTests(new PostgresApp());

/// <summary>Its own app: a tight login limit would disturb the shared fixture's tests.</summary>
public abstract class LoginRateLimitTests(MarketplaceApp app) : IAsyncLifetime
{
    private readonly MarketplaceApp _app = app;

    public Task InitializeAsync()
    {
        _app.Settings["Identity:LoginRateLimit:PermitLimit"] = "3";
        _app.Settings["Identity:LoginRateLimit:Window"] = "00:05:00";
        return ((IAsyncLifetime)_app).InitializeAsync();
    }

    public Task DisposeAsync() => ((IAsyncLifetime)_app).DisposeAsync();

    [Fact]
    public async Task Login_attempts_beyond_the_limit_get_429_with_retry_after()
    {
        var client = _app.Anonymous();
        for (var i = 0; i < 3; i++)
        {
            var attempt = await client.PostAsync("/api/v1/auth/login", new { email = "x@tests.marketplace.id", password = "Salah-Password-1" });
            Assert.Equal(401, (int)attempt.StatusCode);
        }

        var limited = await client.PostAsync("/api/v1/auth/login", new { email = "x@tests.marketplace.id", password = "Salah-Password-1" });

        await limited.ShouldBeProblemAsync(429, code: "rate_limited");
        Assert.True(limited.Headers.RetryAfter is not null);
    }
}
