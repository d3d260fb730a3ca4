using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Marketplace.Security.Tests;

/// <summary>Rule: a stolen refresh token dies with its whole session; a password change ends every session.</summary>
[Collection(AppCollection.Name)]
public sealed class SessionTests(SecurityApp app)
{
    private const string Password = "Rahasia-123-Pasar";

    private async Task<(string Email, JsonNode Tokens)> AccountAsync()
    {
        var email = $"session-{Guid.NewGuid():N}@tests.marketplace.id";
        var anonymous = app.Anonymous();
        await (await anonymous.PostAsync("/api/v1/auth/register", new { email, password = Password, displayName = "Sesi", role = "shopper" })).ShouldHaveStatusAsync(201);
        return (email, await (await anonymous.PostAsync("/api/v1/auth/login", new { email, password = Password })).JsonAsync());
    }

    private Task<HttpResponseMessage> RefreshAsync(JsonNode tokens) =>
        app.Anonymous().PostAsync("/api/v1/auth/refresh", new { refreshToken = tokens["refreshToken"]!.GetValue<string>() });

    [Fact]
    public async Task A_refresh_token_replayed_after_rotation_revokes_the_thief_and_the_owner()
    {
        var (_, stolen) = await AccountAsync();
        // The owner rotates; the thief kept the old token and tries it.
        var ownerResponse = await RefreshAsync(stolen);
        await ownerResponse.ShouldHaveStatusAsync(200);
        var owner = await ownerResponse.JsonAsync();
        await (await RefreshAsync(stolen)).ShouldBeProblemAsync(401, code: "identity.invalid_refresh_token");

        // The whole family is gone: the owner's fresh token too, so the thief cannot have raced ahead with it either.
        await (await RefreshAsync(owner)).ShouldBeProblemAsync(401, code: "identity.invalid_refresh_token");
    }

    [Fact]
    public async Task Changing_the_password_revokes_every_refresh_token_and_the_old_password()
    {
        var (email, phone) = await AccountAsync();
        var laptop = await (await app.Anonymous().PostAsync("/api/v1/auth/login", new { email, password = Password })).JsonAsync();
        var client = app.Anonymous();
        client.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", laptop["accessToken"]!.GetValue<string>());

        await (await client.PostAsync("/api/v1/me/password", new { currentPassword = "Salah-Password-1", newPassword = "Baru-Sekali-2026" }))
            .ShouldBeProblemAsync(400, field: "currentPassword", code: "identity.wrong_password");
        await (await client.PostAsync("/api/v1/me/password", new { currentPassword = Password, newPassword = "Baru-Sekali-2026" })).ShouldHaveStatusAsync(204);

        await (await RefreshAsync(phone)).ShouldBeProblemAsync(401, code: "identity.invalid_refresh_token");
        await (await RefreshAsync(laptop)).ShouldBeProblemAsync(401, code: "identity.invalid_refresh_token");
        await (await app.Anonymous().PostAsync("/api/v1/auth/login", new { email, password = Password })).ShouldBeProblemAsync(401);
        await app.SignInAsync(email, "Baru-Sekali-2026");
    }

    [Fact]
    public async Task A_password_change_needs_a_token_and_a_sound_new_password()
    {
        await (await app.Anonymous().PostAsync("/api/v1/me/password", new { currentPassword = Password, newPassword = "Baru-Sekali-2026" })).ShouldHaveStatusAsync(401);
        var shopper = await app.SignUpAsync("shopper");
        await (await shopper.PostAsync("/api/v1/me/password", new { currentPassword = Password, newPassword = "short" })).ShouldBeProblemAsync(400, field: "newPassword");
        await (await shopper.PostAsync("/api/v1/me/password", new { currentPassword = Password, newPassword = Password })).ShouldBeProblemAsync(400, field: "newPassword");
    }
}
