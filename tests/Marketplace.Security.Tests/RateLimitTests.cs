namespace Marketplace.Security.Tests;

/// <summary>
/// Rule: sign-ups, token refreshes and posts (booth leads) are limited per client address and per account. Its own
/// app with tight limits, so the shared fixture's tests are not throttled.
/// </summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private readonly SecurityApp _app = new();

    public Task InitializeAsync()
    {
        _app.Settings["RateLimits:Registration:PermitLimit"] = "5";
        _app.Settings["RateLimits:Registration:Window"] = "01:00:00";
        _app.Settings["RateLimits:TokenRefresh:PermitLimit"] = "3";
        _app.Settings["RateLimits:Posting:PermitLimit"] = "3";
        _app.Settings["RateLimits:Posting:Window"] = "01:00:00";
        return _app.InitializeAsync();
    }

    public Task DisposeAsync() => _app.DisposeAndDeleteStoreAsync();

    private static object NewAccount() => new
    {
        email = $"flood-{Guid.NewGuid():N}@tests.marketplace.id",
        password = "Rahasia-123-Pasar",
        displayName = "Flood",
        role = "shopper",
    };

    [Fact]
    public async Task A_sign_up_flood_from_one_address_is_cut_off_after_the_limit_while_another_address_still_signs_up()
    {
        var attacker = _app.From("203.0.113.7");
        for (var i = 0; i < 5; i++)
        {
            await (await attacker.PostAsync("/api/v1/auth/register", NewAccount())).ShouldHaveStatusAsync(201);
        }

        for (var i = 0; i < 20; i++)
        {
            var refused = await attacker.PostAsync("/api/v1/auth/register", NewAccount());
            await refused.ShouldBeProblemAsync(429, code: "rate_limited");
            Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        }

        await (await _app.From("198.51.100.20").PostAsync("/api/v1/auth/register", NewAccount())).ShouldHaveStatusAsync(201);
    }

    [Fact]
    public async Task Refreshing_tokens_in_a_loop_is_limited_per_address()
    {
        var address = "203.0.113.8";
        var account = NewAccount();
        await (await _app.From(address).PostAsync("/api/v1/auth/register", account)).ShouldHaveStatusAsync(201);
        var login = await (await _app.From(address).PostAsync("/api/v1/auth/login", account)).JsonAsync();
        var refresh = login["refreshToken"]!.GetValue<string>();
        for (var i = 0; i < 3; i++)
        {
            var rotated = await _app.From(address).PostAsync("/api/v1/auth/refresh", new { refreshToken = refresh });
            await rotated.ShouldHaveStatusAsync(200);
            refresh = (await rotated.JsonAsync())["refreshToken"]!.GetValue<string>();
        }

        var limited = await _app.From(address).PostAsync("/api/v1/auth/refresh", new { refreshToken = refresh });
        await limited.ShouldBeProblemAsync(429, code: "rate_limited");
    }

    [Fact]
    public async Task Posting_is_limited_per_account_even_when_the_account_changes_address()
    {
        var (booth, poster) = await BoothAndPosterAsync();
        for (var i = 0; i < 3; i++)
        {
            var from = SignedInFrom(poster, $"203.0.113.{40 + i}");
            await (await from.PostAsync($"/api/v1/booths/{booth}/leads", Lead())).ShouldHaveStatusAsync(201);
        }

        // A fourth address, the same account: the account's budget is spent.
        var fourth = SignedInFrom(poster, "203.0.113.44");
        await (await fourth.PostAsync($"/api/v1/booths/{booth}/leads", Lead())).ShouldBeProblemAsync(429, code: "rate_limited");
    }

    [Fact]
    public async Task Posting_is_limited_per_address_even_when_each_post_comes_from_a_new_account()
    {
        var (booth, _) = await BoothAndPosterAsync();
        var address = "203.0.113.51";
        for (var i = 0; i < 3; i++)
        {
            await (await _app.From(address).PostAsync($"/api/v1/booths/{booth}/leads", Lead())).ShouldHaveStatusAsync(201);
        }

        await (await _app.From(address).PostAsync($"/api/v1/booths/{booth}/leads", Lead())).ShouldBeProblemAsync(429, code: "rate_limited");
    }

    private static object Lead() => new { kind = "retail", name = "Pembeli", contact = "pembeli@tests.marketplace.id", message = "Masih ada?" };

    private ApiClient SignedInFrom(ApiClient signedIn, string address)
    {
        var client = _app.From(address);
        client.Http.DefaultRequestHeaders.Authorization = signedIn.Http.DefaultRequestHeaders.Authorization;
        return client;
    }

    private async Task<(string Booth, ApiClient Poster)> BoothAndPosterAsync()
    {
        var booth = await Booths.OpenAsync(_app);
        return (booth, await _app.SignUpAloneAsync("shopper"));
    }
}
