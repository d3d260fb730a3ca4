using Marketplace.BuildingBlocks.Modules;
using Marketplace.Identity.Contracts;
using Marketplace.Identity.Persistence;
using Marketplace.Identity.Users;
using Marketplace.SharedKernel.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Marketplace.Identity.Seeding;

/// <summary>Bound from <c>Identity:Admin</c>: the administrator account ensured at start-up (both empty: none).</summary>
internal sealed class BootstrapAdminOptions
{
    public string Email { get; set; } = "";

    public string Password { get; set; } = "";
}

/// <summary>
/// Creates the bootstrap administrator from <c>Identity:Admin</c> on every start (a deployment without demo data
/// still needs one admin to verify shops), and the demo accounts (one per role plus the merchants who own the demo
/// shops) when demo data is asked for. Only in Development do they get the published <see cref="DemoAccounts.Password"/>;
/// anywhere else each gets a random password, printed once on standard output (never logged) and stored only hashed.
/// </summary>
internal sealed class IdentitySeeder(
    IServiceScopeFactory scopes, TimeProvider clock, IOptions<BootstrapAdminOptions> admin, IHostEnvironment environment) : IDataSeeder
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
        // The published demo password is for a developer's machine and the test host (environment "Testing", never
        // deployed); a deployed site (Staging, Production) gets random passwords printed once.
        var published = environment.IsDevelopment() || environment.IsEnvironment("Testing");
        var created = !await db.Users.AnyAsync(u => u.Id == DemoAccounts.AdminId, ct);
        if (created)
        {
            var accounts = DemoUsers(clock.GetUtcNow());
            var passwords = DemoPasswords.Assign(accounts, hasher, published);
            db.Users.AddRange(accounts);
            await db.SaveChangesAsync(ct);
            if (!published)
            {
                DemoPasswords.PrintOnce(passwords);
            }
        }

        string heading = (published, created) switch
        {
            (true, _) => $"Demo accounts (password {DemoAccounts.Password}):",
            (false, true) => "Demo accounts (random passwords, printed once above on standard output and not logged):",
            (false, false) => "Demo accounts (their passwords were printed when they were created; `demo-passwords` sets new ones):",
        };
        return new SeedReport(IdentityDbContext.Module,
        [
            heading,
            $"  admin      {DemoAccounts.AdminEmail}",
            $"  organiser  {DemoAccounts.OrganiserEmail}",
            $"  shopper    {DemoAccounts.ShopperEmail}",
            $"  merchant   {DemoAccounts.MerchantEmail(1)} … {DemoAccounts.MerchantEmail(DemoAccounts.MerchantCount)} (one per demo shop)",
        ]);
    }

    private static List<User> DemoUsers(DateTimeOffset now)
    {
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

        return accounts;
    }
}
