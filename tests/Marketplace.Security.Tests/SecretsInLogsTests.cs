using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Marketplace.Testing.Servers;

namespace Marketplace.Security.Tests;

/// <summary>
/// Rule: no secret reaches a log line at any level. The app runs on PostgreSQL with every logger at Verbose (Trace)
/// into a file, goes through sign-up, sign-in (right and wrong password), refresh, password change, a forged token and
/// signed Stripe webhooks; then the file is searched for every secret involved.
/// </summary>
public sealed class SecretsInLogsTests : IAsyncLifetime
{
    private const string WebhookSecret = "whsec_log_test_0a1b2c3d4e5f";
    private const string StripeSecretKey = "sk_test_log_test_9z8y7x6w";
    private const string SigningKey = "jwt-signing-key-for-the-log-test-0123456789";
    private const string DatabasePassword = "Pg-Password-Never-Logged-42";

    private readonly SecurityApp _app = SecurityApp.OnPostgres();
    private string _database = "";

    private string LogFile => Path.Combine(_app.DataDirectory, "verbose.log");

    public async Task InitializeAsync()
    {
        _database = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync();
        // The server trusts loopback, so the password is not checked; it still travels in the connection string.
        _app.PostgresConnectionString = _database + ";Password=" + DatabasePassword;
        _app.Settings["Serilog:Using:0"] = "Serilog.Sinks.File";
        _app.Settings["Serilog:WriteTo:0:Name"] = "File";
        _app.Settings["Serilog:WriteTo:0:Args:path"] = LogFile;
        _app.Settings["Serilog:MinimumLevel:Default"] = "Verbose";
        foreach (var source in new[] { "Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore", "Microsoft.Hosting.Lifetime", "Microsoft.EntityFrameworkCore.Database.Command" })
        {
            _app.Settings[$"Serilog:MinimumLevel:Override:{source}"] = "Verbose";
        }

        _app.Settings["Payments:Stripe:WebhookSecret"] = WebhookSecret;
        _app.Settings["Payments:Stripe:SecretKey"] = StripeSecretKey;
        _app.Settings["Identity:Jwt:SigningKey"] = SigningKey;
        await _app.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAndDeleteStoreAsync();
        await (await PostgresServer.SharedAsync()).DropDatabaseAsync(_database);
    }

    [Fact]
    public async Task No_password_token_webhook_secret_signing_key_or_database_password_is_logged_even_at_trace()
    {
        var secrets = new List<string> { WebhookSecret, StripeSecretKey, SigningKey, DatabasePassword };
        var email = $"logs-{Guid.NewGuid():N}@tests.marketplace.id";
        const string password = "Kata-Sandi-Rahasia-77";
        const string wrongPassword = "Salah-Tebak-Sandi-88";
        const string newPassword = "Sandi-Baru-Rahasia-99";
        secrets.AddRange([password, wrongPassword, newPassword]);

        var anonymous = _app.Anonymous();
        await (await anonymous.PostAsync("/api/v1/auth/register", new { email, password, displayName = "Log", role = "shopper" })).ShouldHaveStatusAsync(201);
        await (await anonymous.PostAsync("/api/v1/auth/login", new { email, password = wrongPassword })).ShouldHaveStatusAsync(401);
        var tokens = await (await anonymous.PostAsync("/api/v1/auth/login", new { email, password })).JsonAsync();
        var refreshed = await (await anonymous.PostAsync("/api/v1/auth/refresh", new { refreshToken = tokens["refreshToken"]!.GetValue<string>() })).JsonAsync();
        foreach (var token in new[] { tokens, refreshed })
        {
            secrets.Add(token["refreshToken"]!.GetValue<string>());
            // The signature part is what makes a JWT a credential.
            secrets.Add(token["accessToken"]!.GetValue<string>().Split('.')[2]);
        }

        var client = _app.Anonymous();
        client.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", refreshed["accessToken"]!.GetValue<string>());
        await (await client.GetAsync("/api/v1/me")).ShouldHaveStatusAsync(200);
        await (await client.PostAsync("/api/v1/me/password", new { currentPassword = password, newPassword })).ShouldHaveStatusAsync(204);

        var forged = _app.Anonymous();
        var forgedToken = Tokens.Forge(new { alg = "HS256", typ = "JWT" }, Tokens.Claims(Guid.NewGuid(), "admin", DateTimeOffset.UtcNow.AddMinutes(5)), RandomNumberGenerator.GetBytes(32));
        forged.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", forgedToken);
        secrets.Add(forgedToken.Split('.')[2]);
        await (await forged.GetAsync("/api/v1/me")).ShouldHaveStatusAsync(401);

        const string payload = """{"id":"evt_log_1","object":"event","type":"payment_intent.succeeded","created":1700000000,"data":{"object":{"id":"pi_unknown_log","object":"payment_intent"}}}""";
        await DeliverAsync(payload, Sign(payload, WebhookSecret));
        await DeliverAsync(payload, Sign(payload, "whsec_wrong"));

        _app.Dispose(); // flushes and closes the log file
        var log = await File.ReadAllTextAsync(LogFile);
        Assert.True(log.Length > 10_000, "the verbose log should hold the whole story");
        foreach (var secret in secrets)
        {
            Assert.False(log.Contains(secret, StringComparison.Ordinal), $"a secret ({secret[..4]}…) is in the log");
        }
    }

    private async Task DeliverAsync(string payload, string signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/payments/stripe/webhook") { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Stripe-Signature", signature);
        var response = await _app.Anonymous().Http.SendAsync(request);
        Assert.True((int)response.StatusCode < 500);
    }

    private static string Sign(string payload, string secret)
    {
        var t = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(t + "." + payload)));
        return $"t={t},v1={signature}";
    }
}
