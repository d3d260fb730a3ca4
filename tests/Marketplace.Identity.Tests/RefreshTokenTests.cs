namespace Marketplace.Identity.Tests;

[Collection(AppCollection.Name)]
public sealed class RefreshTokenTestsOnSqlite(MarketplaceApp app) : RefreshTokenTests(app);

[Collection(PostgresAppCollection.Name)]
public sealed class RefreshTokenTestsOnPostgres(PostgresApp app) : RefreshTokenTests(app);

public abstract class RefreshTokenTests(MarketplaceApp app)
{
    private async Task<(string Email, string RefreshToken)> SignUpAndLoginAsync()
    {
        var shopper = await app.SignUpAsync("shopper");
        var login = await app.Anonymous().PostAsync("/api/v1/auth/login", new { email = shopper.Email, password = "Rahasia-123-Pasar" });
        var tokens = await login.JsonAsync();
        return (shopper.Email!, tokens["refreshToken"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_refresh_token_rotates_and_the_old_one_stops_working()
    {
        var (_, refresh) = await SignUpAndLoginAsync();

        var first = await app.Anonymous().PostAsync("/api/v1/auth/refresh", new { refreshToken = refresh });
        await first.ShouldHaveStatusAsync(200);
        var rotated = (await first.JsonAsync())["refreshToken"]!.GetValue<string>();
        Assert.NotEqual(refresh, rotated);

        var replay = await app.Anonymous().PostAsync("/api/v1/auth/refresh", new { refreshToken = refresh });
        await replay.ShouldBeProblemAsync(401, code: "identity.invalid_refresh_token");
    }

    [Fact]
    public async Task Replaying_a_rotated_token_revokes_the_whole_session()
    {
        var (_, refresh) = await SignUpAndLoginAsync();
        var rotated = (await (await app.Anonymous().PostAsync("/api/v1/auth/refresh", new { refreshToken = refresh })).JsonAsync())["refreshToken"]!.GetValue<string>();

        // The stolen copy of the first token comes back…
        await (await app.Anonymous().PostAsync("/api/v1/auth/refresh", new { refreshToken = refresh })).ShouldHaveStatusAsync(401);

        // …so the legitimate newer token is revoked too.
        var legit = await app.Anonymous().PostAsync("/api/v1/auth/refresh", new { refreshToken = rotated });
        await legit.ShouldHaveStatusAsync(401);
    }

    [Fact]
    public async Task Logout_revokes_the_refresh_token()
    {
        var shopper = await app.SignUpAsync("shopper");
        var tokens = await (await app.Anonymous().PostAsync("/api/v1/auth/login", new { email = shopper.Email, password = "Rahasia-123-Pasar" })).JsonAsync();
        var refresh = tokens["refreshToken"]!.GetValue<string>();

        await (await shopper.PostAsync("/api/v1/auth/logout", new { refreshToken = refresh })).ShouldHaveStatusAsync(204);

        await (await app.Anonymous().PostAsync("/api/v1/auth/refresh", new { refreshToken = refresh })).ShouldHaveStatusAsync(401);
    }

    [Fact]
    public async Task Someone_elses_refresh_token_cannot_be_logged_out()
    {
        var (_, refresh) = await SignUpAndLoginAsync();
        var other = await app.SignUpAsync("shopper");

        var response = await other.PostAsync("/api/v1/auth/logout", new { refreshToken = refresh });

        await response.ShouldBeProblemAsync(404);
        await (await app.Anonymous().PostAsync("/api/v1/auth/refresh", new { refreshToken = refresh })).ShouldHaveStatusAsync(200);
    }

    [Fact]
    public async Task An_unknown_refresh_token_is_401()
    {
        var response = await app.Anonymous().PostAsync("/api/v1/auth/refresh", new { refreshToken = "made-up" });
        await response.ShouldBeProblemAsync(401);
    }
}
