using System.Net.Http.Headers;

namespace Marketplace.Identity.Tests;

[Collection(AppCollection.Name)]
public sealed class RegisterAndLoginTestsOnSqlite(MarketplaceApp app) : RegisterAndLoginTests(app);

[Collection(PostgresAppCollection.Name)]
public sealed class RegisterAndLoginTestsOnPostgres(PostgresApp app) : RegisterAndLoginTests(app);

public abstract class RegisterAndLoginTests(MarketplaceApp app)
{
    [Fact]
    public async Task A_merchant_registers_signs_in_and_reads_their_account()
    {
        var merchant = await app.SignUpAsync("merchant", "Bu Sri Pempek");

        var me = await merchant.GetJsonAsync("/api/v1/me");

        Assert.Equal(merchant.Email, me["email"]!.GetValue<string>());
        Assert.Equal("merchant", me["role"]!.GetValue<string>());
        Assert.Equal("Bu Sri Pempek", me["displayName"]!.GetValue<string>());
    }

    [Fact]
    public async Task Registering_signs_the_new_account_in_with_the_same_token_pair_as_login()
    {
        var email = $"signup-{Guid.NewGuid():N}@tests.marketplace.id";
        var response = await app.Anonymous().PostAsync("/api/v1/auth/register",
            new { email, password = "Rahasia-123-Pasar", displayName = "Mbak Yayuk", role = "shopper" });
        await response.ShouldHaveStatusAsync(201);
        var body = await response.JsonAsync();

        Assert.Equal("Bearer", body["tokenType"]!.GetValue<string>());
        Assert.True(body["expiresAt"]!.GetValue<DateTimeOffset>() > DateTimeOffset.UtcNow);
        Assert.Equal(email, body["user"]!["email"]!.GetValue<string>());
        Assert.Equal("shopper", body["user"]!["role"]!.GetValue<string>());

        // The access token works at once, and the refresh token rotates like one from a login.
        var client = app.Anonymous();
        client.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body["accessToken"]!.GetValue<string>());
        Assert.Equal(body["user"]!["id"]!.GetValue<string>(), (await client.GetJsonAsync("/api/v1/me"))["id"]!.GetValue<string>());
        var refreshed = await app.Anonymous().PostAsync("/api/v1/auth/refresh", new { refreshToken = body["refreshToken"]!.GetValue<string>() });
        await refreshed.ShouldHaveStatusAsync(200);
        Assert.NotEqual(body["refreshToken"]!.GetValue<string>(), (await refreshed.JsonAsync())["refreshToken"]!.GetValue<string>());
    }

    [Fact]
    public async Task Registering_the_same_email_twice_in_another_case_is_a_conflict()
    {
        var client = app.Anonymous();
        var email = $"dup-{Guid.NewGuid():N}@tests.marketplace.id";
        var first = await client.PostAsync("/api/v1/auth/register", new { email, password = "Rahasia-123-Pasar", displayName = "A", role = "shopper" });
        await first.ShouldHaveStatusAsync(201);

        var second = await client.PostAsync("/api/v1/auth/register", new { email = email.ToUpperInvariant(), password = "Rahasia-123-Pasar", displayName = "B", role = "shopper" });

        await second.ShouldBeProblemAsync(409, field: "email", code: "identity.email_taken");
    }

    [Theory]
    [InlineData("", "Rahasia-123-Pasar", "Nama", "shopper", "email")]
    [InlineData("not-an-email", "Rahasia-123-Pasar", "Nama", "shopper", "email")]
    [InlineData("a@b.id", "short", "Nama", "shopper", "password")]
    [InlineData("a@b.id", "Rahasia-123-Pasar", "", "shopper", "displayName")]
    [InlineData("a@b.id", "Rahasia-123-Pasar", "<script>alert(1)</script>", "shopper", "displayName")]
    [InlineData("a@b.id", "Rahasia-123-Pasar", "Nama", "admin", "role")]
    [InlineData("a@b.id", "Rahasia-123-Pasar", "Nama", "wizard", "role")]
    public async Task Invalid_registrations_are_refused_naming_the_field(string email, string password, string displayName, string role, string field)
    {
        var response = await app.Anonymous().PostAsync("/api/v1/auth/register", new { email, password, displayName, role });

        await response.ShouldBeProblemAsync(400, field);
    }

    [Fact]
    public async Task An_over_long_display_name_is_refused()
    {
        var response = await app.Anonymous().PostAsync("/api/v1/auth/register",
            new { email = "long@tests.marketplace.id", password = "Rahasia-123-Pasar", displayName = new string('a', 101), role = "shopper" });

        await response.ShouldBeProblemAsync(400, "displayName");
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_account_get_the_same_answer()
    {
        var shopper = await app.SignUpAsync("shopper");

        var wrongPassword = await app.Anonymous().PostAsync("/api/v1/auth/login", new { email = shopper.Email, password = "Salah-Password-1" });
        var unknown = await app.Anonymous().PostAsync("/api/v1/auth/login", new { email = "nobody@tests.marketplace.id", password = "Salah-Password-1" });

        var a = await wrongPassword.ShouldBeProblemAsync(401, code: "identity.invalid_credentials");
        var b = await unknown.ShouldBeProblemAsync(401, code: "identity.invalid_credentials");
        Assert.Equal(a["detail"]!.GetValue<string>(), b["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Me_without_a_token_is_401_and_with_a_forged_token_is_401()
    {
        var anonymous = app.Anonymous();
        (await anonymous.GetAsync("/api/v1/me")).StatusCode.ShouldBe(401);

        anonymous.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJlLWZvcmdlZA");
        (await anonymous.GetAsync("/api/v1/me")).StatusCode.ShouldBe(401);
    }

    [Fact]
    public async Task Malformed_json_names_the_field_and_is_not_a_500()
    {
        var response = await app.Anonymous().SendRawAsync(HttpMethod.Post, "/api/v1/auth/login", """{"email": "a@b.id", "password": 5}""");

        await response.ShouldBeProblemAsync(400, "password", "request.malformed_json");
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_refused()
    {
        var truncated = await app.Anonymous().SendRawAsync(HttpMethod.Post, "/api/v1/auth/login", """{"email": "a@b.id", "passw""");
        await truncated.ShouldBeProblemAsync(400);

        var wrongType = await app.Anonymous().SendRawAsync(HttpMethod.Post, "/api/v1/auth/login", "email=a@b.id", "application/x-www-form-urlencoded");
        Assert.Equal(415, (int)wrongType.StatusCode);
    }
}

internal static class StatusAssertions
{
    public static void ShouldBe(this System.Net.HttpStatusCode status, int expected) => Assert.Equal(expected, (int)status);
}
