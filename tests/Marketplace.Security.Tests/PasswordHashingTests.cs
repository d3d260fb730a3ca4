using System.Buffers.Binary;
using Marketplace.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Marketplace.Security.Tests;

/// <summary>
/// Rule: passwords are stored as PBKDF2-HMAC-SHA512 (ASP.NET Core Identity's V3 format: 128-bit salt, 256-bit key) with
/// 210,000 iterations by default (OWASP 2023); never in clear. The tests' own hashes use fewer iterations for speed,
/// which is why the default is read from a service collection configured like production.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class PasswordHashingTests(SecurityApp app)
{
    [Fact]
    public void The_default_is_pbkdf2_sha512_v3_with_210000_iterations()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddIdentityModule(new ConfigurationBuilder().Build());
        var options = services.BuildServiceProvider().GetRequiredService<IOptions<PasswordHasherOptions>>().Value;
        Assert.Equal(PasswordHasherCompatibilityMode.IdentityV3, options.CompatibilityMode);
        Assert.Equal(210_000, options.IterationCount);
    }

    [Fact]
    public async Task A_stored_password_is_a_salted_v3_hash_never_the_password()
    {
        var shopper = await app.SignUpAsync("shopper");
        string stored;
        await using (var db = new SqliteConnection($"Data Source={Path.Combine(app.DataDirectory, "marketplace.db")}"))
        {
            await db.OpenAsync();
            var select = db.CreateCommand();
            select.CommandText = "SELECT PasswordHash FROM identity_users WHERE upper(Id) = upper($id)";
            select.Parameters.AddWithValue("$id", shopper.UserId.ToString());
            stored = (string)(await select.ExecuteScalarAsync())!;
        }

        Assert.DoesNotContain("Rahasia", stored, StringComparison.Ordinal);
        var bytes = Convert.FromBase64String(stored);
        Assert.Equal(0x01, bytes[0]); // format marker: V3
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(1))); // KeyDerivationPrf.HMACSHA512
        Assert.Equal(1000u, BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5))); // the tests' setting, as configured
        Assert.Equal(16u, BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(9))); // salt bytes
        Assert.Equal(13 + 16 + 32, bytes.Length); // header + salt + 256-bit subkey
    }
}
