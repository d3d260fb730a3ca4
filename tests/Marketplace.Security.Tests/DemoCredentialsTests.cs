using Marketplace.Identity.Contracts;

namespace Marketplace.Security.Tests;

/// <summary>Rule: no deployment runs with the published demo password; demo data outside Development has random ones.</summary>
public sealed class DemoCredentialsTests
{
    [Fact]
    public async Task A_production_start_is_refused_while_a_demo_account_has_the_published_password()
    {
        // A Development store (as `dotnet run` makes it) copied to a server.
        var development = new SecurityApp { Environment = "Development" };
        development.Settings["Seed:Demo"] = "true";
        await development.InitializeAsync();
        await development.SignInAsync(DemoAccounts.AdminEmail, DemoAccounts.Password);
        development.Dispose();

        var production = SecurityApp.On(development.DataDirectory);
        production.Environment = "Production";
        try
        {
            var refused = await Assert.ThrowsAnyAsync<Exception>(production.InitializeAsync);
            var message = string.Join(" | ", Flatten(refused).Select(e => e.Message));
            Assert.Contains("Refusing to start in Production", message, StringComparison.Ordinal);
            Assert.Contains("demo-passwords", message, StringComparison.Ordinal);
        }
        finally
        {
            await production.DisposeAndDeleteStoreAsync();
        }
    }

    [Fact]
    public async Task Demo_data_loaded_outside_development_gets_random_passwords_and_production_starts()
    {
        var production = new SecurityApp { Environment = "Production" };
        production.Settings["Seed:Demo"] = "true";
        try
        {
            await production.InitializeAsync();
            var login = await production.Anonymous().PostAsync("/api/v1/auth/login", new { email = DemoAccounts.AdminEmail, password = DemoAccounts.Password });
            await login.ShouldBeProblemAsync(401, code: "identity.invalid_credentials");
            // The demo shops are there all the same.
            var shop = await production.Anonymous().GetJsonAsync("/api/v1/shops?pageSize=1");
            Assert.True(shop["total"]!.GetValue<int>() >= 30);
        }
        finally
        {
            await production.DisposeAndDeleteStoreAsync();
        }
    }

    [Fact]
    public async Task Without_configuration_no_demo_data_is_loaded_outside_development()
    {
        var staging = new SecurityApp { Environment = "Staging" };
        staging.Settings.Remove("Seed:Demo");
        staging.Settings["Seed:Demo"] = null;
        try
        {
            await staging.InitializeAsync();
            var shops = await staging.Anonymous().GetJsonAsync("/api/v1/shops?pageSize=1");
            Assert.Equal(0, shops["total"]!.GetValue<int>());
        }
        finally
        {
            await staging.DisposeAndDeleteStoreAsync();
        }
    }

    private static IEnumerable<Exception> Flatten(Exception e)
    {
        for (Exception? current = e; current is not null; current = current.InnerException)
        {
            yield return current;
            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten))
                {
                    yield return inner;
                }
            }
        }
    }
}
