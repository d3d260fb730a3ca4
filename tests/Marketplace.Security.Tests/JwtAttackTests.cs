using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Marketplace.Security.Tests;

/// <summary>
/// Rule: only a token this service signed, unexpired, for an account that still exists and is not suspended, gets in.
/// Every forged token claims the admin role and is tried on an admin-only route.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class JwtAttackTests(SecurityApp app)
{
    private static readonly object Hs256 = new { alg = "HS256", typ = "JWT" };

    private byte[] RealKey => Encoding.UTF8.GetBytes(File.ReadAllText(Path.Combine(app.DataDirectory, "jwt-signing.key")).Trim());

    private async Task<HttpResponseMessage> WithTokenAsync(string token, string url = "/api/v1/admin/users/00000000-0000-0000-0000-000000000001/reinstate")
    {
        var client = app.Anonymous();
        client.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return url.Contains("/admin/", StringComparison.Ordinal) ? await client.PostAsync(url) : await client.GetAsync(url);
    }

    private async Task<Guid> AdminIdAsync() => Guid.Parse((await (await app.AdminAsync()).GetJsonAsync("/api/v1/me"))["id"]!.GetValue<string>());

    [Fact]
    public async Task A_correctly_signed_forgery_gets_in_which_proves_the_forging_works()
    {
        var token = Tokens.Forge(Hs256, Tokens.Claims(await AdminIdAsync(), "admin", DateTimeOffset.UtcNow.AddMinutes(5)), RealKey);
        await (await WithTokenAsync(token)).ShouldBeProblemAsync(404, code: "identity.user_not_found");
    }

    [Fact]
    public async Task An_unsigned_token_with_alg_none_is_refused()
    {
        var claims = Tokens.Claims(await AdminIdAsync(), "admin", DateTimeOffset.UtcNow.AddMinutes(5));
        await (await WithTokenAsync(Tokens.Forge(new { alg = "none", typ = "JWT" }, claims, key: null))).ShouldHaveStatusAsync(401);
        await (await WithTokenAsync(Tokens.Forge(new { alg = "None" }, claims, key: null))).ShouldHaveStatusAsync(401);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_refused()
    {
        var claims = Tokens.Claims(await AdminIdAsync(), "admin", DateTimeOffset.UtcNow.AddMinutes(5));
        await (await WithTokenAsync(Tokens.Forge(Hs256, claims, RandomNumberGenerator.GetBytes(64)))).ShouldHaveStatusAsync(401);
    }

    [Fact]
    public async Task A_real_token_whose_role_is_edited_to_admin_is_refused()
    {
        var shopper = await app.SignUpAsync("shopper");
        var real = shopper.Http.DefaultRequestHeaders.Authorization!.Parameter!;
        var payload = Tokens.Payload(real).ToDictionary(p => p.Key, p => (object)p.Value);
        payload["role"] = "admin";
        var parts = real.Split('.');
        var tampered = parts[0] + "." + Tokens.B64(JsonSerializer.SerializeToUtf8Bytes(payload)) + "." + parts[2];
        await (await WithTokenAsync(tampered)).ShouldHaveStatusAsync(401);
    }

    [Fact]
    public async Task An_expired_token_signed_with_the_real_key_is_refused()
    {
        var expired = Tokens.Forge(Hs256, Tokens.Claims(await AdminIdAsync(), "admin", DateTimeOffset.UtcNow.AddMinutes(-2)), RealKey);
        await (await WithTokenAsync(expired)).ShouldHaveStatusAsync(401);
    }

    [Fact]
    public async Task The_token_of_a_deleted_account_is_refused_at_once()
    {
        var shopper = await app.SignUpAsync("shopper");
        await using (var db = new SqliteConnection($"Data Source={Path.Combine(app.DataDirectory, "marketplace.db")}"))
        {
            await db.OpenAsync();
            var delete = db.CreateCommand();
            delete.CommandText = "DELETE FROM identity_refresh_tokens WHERE upper(UserId) = upper($id); DELETE FROM identity_users WHERE upper(Id) = upper($id);";
            delete.Parameters.AddWithValue("$id", shopper.UserId.ToString());
            Assert.True(await delete.ExecuteNonQueryAsync() >= 1);
        }

        await (await shopper.GetAsync("/api/v1/me")).ShouldHaveStatusAsync(401);
        await (await shopper.GetAsync("/api/v1/orders")).ShouldHaveStatusAsync(401);
    }

    [Fact]
    public async Task A_suspended_account_is_locked_out_its_token_refresh_token_and_password_all_refused()
    {
        var email = $"suspect-{Guid.NewGuid():N}@tests.marketplace.id";
        const string password = "Rahasia-123-Pasar";
        var anonymous = app.Anonymous();
        var registered = await (await anonymous.PostAsync("/api/v1/auth/register", new { email, password, displayName = "Suspect", role = "merchant" })).JsonAsync();
        var login = await (await anonymous.PostAsync("/api/v1/auth/login", new { email, password })).JsonAsync();
        var suspect = app.Anonymous();
        suspect.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login["accessToken"]!.GetValue<string>());
        await (await suspect.GetAsync("/api/v1/me")).ShouldHaveStatusAsync(200);

        var admin = await app.AdminAsync();
        await (await admin.PostAsync($"/api/v1/admin/users/{registered["user"]!["id"]}/suspend")).ShouldHaveStatusAsync(204);

        await (await suspect.GetAsync("/api/v1/me")).ShouldHaveStatusAsync(401);
        await (await suspect.GetAsync("/api/v1/me/shops")).ShouldHaveStatusAsync(401);
        await (await anonymous.PostAsync("/api/v1/auth/refresh", new { refreshToken = login["refreshToken"]!.GetValue<string>() }))
            .ShouldBeProblemAsync(401, code: "identity.invalid_refresh_token");
        await (await anonymous.PostAsync("/api/v1/auth/login", new { email, password })).ShouldBeProblemAsync(403, code: "identity.account_suspended");

        // Reinstated, the account signs in again (the old sessions stay revoked).
        await (await admin.PostAsync($"/api/v1/admin/users/{registered["user"]!["id"]}/reinstate")).ShouldHaveStatusAsync(204);
        await app.SignInAsync(email, password);
    }

    [Fact]
    public async Task Only_an_admin_may_suspend()
    {
        var merchant = await app.SignUpAsync("merchant");
        var victim = await app.SignUpAsync("shopper");
        await (await merchant.PostAsync($"/api/v1/admin/users/{victim.UserId}/suspend")).ShouldHaveStatusAsync(403);
        await (await app.Anonymous().PostAsync($"/api/v1/admin/users/{victim.UserId}/suspend")).ShouldHaveStatusAsync(401);
        await (await (await app.AdminAsync()).PostAsync($"/api/v1/admin/users/{Guid.NewGuid()}/suspend")).ShouldBeProblemAsync(404, code: "identity.user_not_found");
    }
}
