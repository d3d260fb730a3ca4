using Marketplace.BuildingBlocks.Modules;
using Marketplace.Identity.Contracts;
using Marketplace.Identity.Persistence;
using Marketplace.Identity.Users;
using Marketplace.SharedKernel.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Marketplace.Identity.Seeding;

/// <summary>Bound from <c>Identity:Admin</c>: the administrator account ensured at start-up (both empty: none).</summary>
internal sealed class BootstrapAdminOptions
{
    public string Email { get; set; } = "";

    public string Password { get; set; } = "";
}


/// <summary>Creates one demo account per role plus the merchants who own the demo shops.</summary>
/// <summary>
/// Creates the bootstrap administrator from <c>Identity:Admin</c> on every start (a deployment without demo data
/// still needs one admin to verify shops), and the demo accounts when demo data is asked for.
/// </summary>
internal sealed class IdentitySeeder(IServiceScopeFactory scopes, TimeProvider clock, IOptions<BootstrapAdminOptions> admin) : IDataSeeder
{
    public int Order => 0;

    public async Task SeedReferenceDataAsync(CancellationToken ct)
    {
        var (email, password) = (admin.Value.Email, admin.Value.Password);
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        var normalized = User.Normalize(email);
        if (await db.Users.AnyAsync(u => u.Email == normalized, ct))
        {
            return;
        }

        var user = new User(Guid.CreateVersion7(), normalized, "Administrator", Roles.Admin, clock.GetUtcNow());
        user.PasswordHash = scope.ServiceProvider.GetRequiredService<IPasswordHasher<User>>().HashPassword(user, password);
        db.Users.Add(user);
        await db.SaveChangesAsync(ct);
    }

    public async Task<SeedReport> SeedDemoAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        var hasher = scope.ServiceProvider.GetRequiredService<IPasswordHasher<User>>();
        if (!await db.Users.AnyAsync(u => u.Id == DemoAccounts.AdminId, ct))
        {
            await CreateAccountsAsync(db, hasher, ct);
        }

        return new SeedReport(IdentityDbContext.Module,
        [
            $"Demo accounts (password {DemoAccounts.Password}):",
            $"  admin      {DemoAccounts.AdminEmail}",
            $"  organiser  {DemoAccounts.OrganiserEmail}",
            $"  shopper    {DemoAccounts.ShopperEmail}",
            $"  merchant   {DemoAccounts.MerchantEmail(1)} … {DemoAccounts.MerchantEmail(DemoAccounts.MerchantCount)} (one per demo shop)",
        ]);
    }

    private async Task CreateAccountsAsync(IdentityDbContext db, IPasswordHasher<User> hasher, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var accounts = new List<User>
        {
            new(DemoAccounts.AdminId, DemoAccounts.AdminEmail, "Admin Pasar Kreatif", Roles.Admin, now),
            new(DemoAccounts.ShopperId, DemoAccounts.ShopperEmail, "Sari Pembeli", Roles.Shopper, now),
            new(DemoAccounts.OrganiserId, DemoAccounts.OrganiserEmail, "Dinas Pariwisata dan Ekonomi Kreatif", Roles.Organiser, now),
        };
        for (var n = 1; n <= DemoAccounts.MerchantCount; n++)
        {
            accounts.Add(new User(DemoAccounts.MerchantId(n), DemoAccounts.MerchantEmail(n), $"Pemilik Toko {n:D2}", Roles.Merchant, now));
        }

        // One hash serves every demo account (same password, its own salt inside): PBKDF2 is slow by design.
        var hash = hasher.HashPassword(accounts[0], DemoAccounts.Password);
        foreach (var account in accounts)
        {
            account.PasswordHash = hash;
        }

        db.Users.AddRange(accounts);
        await db.SaveChangesAsync(ct);
    }
}
