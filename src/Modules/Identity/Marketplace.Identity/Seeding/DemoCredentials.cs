using System.Security.Cryptography;
using Marketplace.Identity.Contracts;
using Marketplace.Identity.Persistence;
using Marketplace.Identity.Users;
using Marketplace.BuildingBlocks.Modules;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Marketplace.Identity.Seeding;

/// <summary>Passwords of the demo accounts: the published one (Development only) or a random one per account.</summary>
internal static class DemoPasswords
{
    /// <summary>Every demo account id, so a check can find them whoever created them.</summary>
    public static IReadOnlyList<Guid> AccountIds { get; } =
        [DemoAccounts.AdminId, DemoAccounts.ShopperId, DemoAccounts.OrganiserId, .. Enumerable.Range(1, DemoAccounts.MerchantCount).Select(DemoAccounts.MerchantId)];

    /// <summary>Hashes a password into each account; returns the plain passwords (empty when the published one is used).</summary>
    public static List<(string Email, string Password)> Assign(IReadOnlyList<User> accounts, IPasswordHasher<User> hasher, bool published)
    {
        if (published)
        {
            // One hash serves every demo account (same password, its own salt inside): PBKDF2 is slow by design.
            var hash = hasher.HashPassword(accounts[0], DemoAccounts.Password);
            foreach (var account in accounts)
            {
                account.PasswordHash = hash;
            }

            return [];
        }

        var passwords = new List<(string, string)>(accounts.Count);
        foreach (var account in accounts)
        {
            // 120 random bits, URL-safe: typed by a person at a demo, so no characters that need escaping.
            var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(15)).Replace('+', '-').Replace('/', '_');
            account.PasswordHash = hasher.HashPassword(account, password);
            passwords.Add((account.Email, password));
        }

        return passwords;
    }

    /// <summary>
    /// Straight to standard output, deliberately not through the logger: log lines are shipped and kept, and a
    /// password must never be in them.
    /// </summary>
    public static void PrintOnce(IReadOnlyList<(string Email, string Password)> passwords)
    {
        Console.Out.WriteLine("Demo account passwords (shown this once; store them now):");
        foreach (var (email, password) in passwords)
        {
            Console.Out.WriteLine($"  {email,-36} {password}");
        }

        Console.Out.Flush();
    }

    /// <summary>The demo accounts whose stored hash still accepts the published demo password.</summary>
    public static async Task<List<string>> WithPublishedPasswordAsync(IdentityDbContext db, IPasswordHasher<User> hasher, CancellationToken ct)
    {
        var ids = AccountIds.ToList();
        var demo = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToListAsync(ct);
        var exposed = new List<string>();
        // The Development seed shares one hash across accounts: verify each distinct hash once (PBKDF2 is slow).
        foreach (var sameHash in demo.GroupBy(u => u.PasswordHash, StringComparer.Ordinal))
        {
            var first = sameHash.First();
            if (hasher.VerifyHashedPassword(first, first.PasswordHash, DemoAccounts.Password) != PasswordVerificationResult.Failed)
            {
                exposed.AddRange(sameHash.Select(u => u.Email));
            }
        }

        return exposed;
    }
}

/// <summary>
/// In Production, refuses to start while any demo account still signs in with the published demo password (a
/// Development database copied to a server, or demo data loaded by an older version): the service would otherwise
/// run with an administrator whose password is in the README.
/// </summary>
internal sealed partial class DemoCredentialGuard(
    IServiceScopeFactory scopes, IHostEnvironment environment, ILogger<DemoCredentialGuard> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!environment.IsProduction())
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var exposed = await DemoPasswords.WithPublishedPasswordAsync(
            scope.ServiceProvider.GetRequiredService<IdentityDbContext>(),
            scope.ServiceProvider.GetRequiredService<IPasswordHasher<User>>(),
            cancellationToken);
        if (exposed.Count == 0)
        {
            return;
        }

        LogRefused(logger, exposed.Count);
        throw new InvalidOperationException(
            $"Refusing to start in Production: {exposed.Count} demo account(s) (e.g. {exposed[0]}) still have the published demo password. " +
            "Run the 'demo-passwords' verb to give them random passwords, or delete them.");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Critical, Message = "{Count} demo account(s) still have the published demo password; refusing to start in Production")]
    private static partial void LogRefused(ILogger logger, int count);
}

/// <summary><c>demo-passwords</c>: gives every existing demo account a new random password, printed once.</summary>
internal sealed class DemoPasswordsVerb : ICommandLineVerb
{
    public string Name => "demo-passwords";

    public string Description => "Give every demo account a new random password (printed once), e.g. before a Production start.";

    public async Task<int> RunAsync(IServiceProvider services, string[] arguments, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        var ids = DemoPasswords.AccountIds.ToList();
        var accounts = await db.Users.Where(u => ids.Contains(u.Id)).OrderBy(u => u.Email).ToListAsync(ct);
        if (accounts.Count == 0)
        {
            Console.Out.WriteLine("No demo accounts here; nothing to do.");
            return 0;
        }

        var passwords = DemoPasswords.Assign(accounts, scope.ServiceProvider.GetRequiredService<IPasswordHasher<User>>(), published: false);
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        // A new password ends every session the old one opened.
        await db.RefreshTokens.Where(t => ids.Contains(t.UserId) && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), ct);
        await db.SaveChangesAsync(ct);
        DemoPasswords.PrintOnce(passwords);
        return 0;
    }
}
