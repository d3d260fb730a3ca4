using System.Net.Http.Headers;
using Marketplace.BuildingBlocks.Outbox;
using Marketplace.Testing.Servers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Marketplace.Testing;

/// <summary>
/// The real application over the real ASP.NET Core pipeline, on its own SQLite file in a private data folder, or on its
/// own PostgreSQL database (<see cref="Provider"/>).
/// One instance is shared by a test collection; every test arranges its own data through the API (unique e-mails,
/// slugs and names), so tests do not depend on each other.
/// </summary>
public class MarketplaceApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminEmail = "admin@tests.marketplace.id";
    public const string AdminPassword = "Admin-Password-For-Tests-1";

    public MarketplaceApp()
        : this(null)
    {
    }

    /// <param name="dataDirectory">A folder to reuse (e.g. to restart on an existing database); null for a fresh one.</param>
    protected MarketplaceApp(string? dataDirectory)
    {
        DataDirectory = dataDirectory ?? Path.Combine(Path.GetTempPath(), "marketplace-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataDirectory);
    }

    public string DataDirectory { get; }

    /// <summary>Settings that override appsettings.json; change them before the first request.</summary>
    public Dictionary<string, string?> Settings { get; } = new(StringComparer.OrdinalIgnoreCase);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // As strict as Development: a scoped service taken by a singleton fails the test run, not the first `dotnet run`.
        builder.UseDefaultServiceProvider(provider =>
        {
            provider.ValidateScopes = true;
            provider.ValidateOnBuild = true;
        });
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["DataDirectory"] = DataDirectory,
            ["Seed:Demo"] = "false",
            ["Identity:Admin:Email"] = AdminEmail,
            ["Identity:Admin:Password"] = AdminPassword,
            ["Identity:LoginRateLimit:PermitLimit"] = "100000",
            // PBKDF2 is slow by design; tests sign up hundreds of accounts and are not attacked offline.
            ["Identity:PasswordHasher:IterationCount"] = "1000",
            ["Outbox:PollInterval"] = "00:00:00.200",
            ["Serilog:MinimumLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }

        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(settings));
        ConfigureTestServices(builder);
    }

    /// <summary>Hook for fixtures that swap a service (a fake clock, a local double of an external API).</summary>
    protected virtual void ConfigureTestServices(IWebHostBuilder builder)
    {
    }

    /// <summary>
    /// The store this app runs on. A fixture for PostgreSQL sets it in its constructor, so one test class runs on both
    /// (e.g. <c>public sealed class CatalogAppOnPostgres : CatalogApp { public CatalogAppOnPostgres() => Provider = StoreProvider.Postgres; }</c>).
    /// </summary>
    public StoreProvider Provider { get; protected init; } = StoreProvider.Sqlite;

    /// <summary>
    /// PostgreSQL only: null until <see cref="InitializeAsync"/> creates a fresh database on the test process's shared
    /// cluster; set it beforehand to put this app on another app's database (a second API instance). The app that
    /// created the database drops it.
    /// </summary>
    public string? PostgresConnectionString { get; set; }

    private bool _ownsDatabase;

    public virtual async Task InitializeAsync()
    {
        if (Provider == StoreProvider.Postgres)
        {
            if (PostgresConnectionString is null)
            {
                PostgresConnectionString = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync();
                _ownsDatabase = true;
            }

            Settings["Database:Provider"] = "Postgres";
            Settings["ConnectionStrings:Marketplace"] = PostgresConnectionString;
            // On a fresh database EF Core's first look at the migrations history table fails by design and logs it as
            // an error; keep that out of the test output (a real failure still fails the test with its exception).
            Settings["Serilog:MinimumLevel:Override:Microsoft.EntityFrameworkCore.Database.Command"] = "Fatal";
        }

        // Starting the server runs migrations and seeding; do it once, up front.
        _ = Server;
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAndDeleteStoreAsync();

    private bool _deleted;

    /// <summary>Stops the host, then deletes its store (the data folder; the PostgreSQL database it created).</summary>
    public async Task DisposeAndDeleteStoreAsync()
    {
        Dispose();
        if (_deleted)
        {
            return;
        }

        _deleted = true;
        if (_ownsDatabase && PostgresConnectionString is not null)
        {
            await (await PostgresServer.SharedAsync()).DropDatabaseAsync(PostgresConnectionString);
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; the OS temp cleaner gets it.
        }
    }

    public ApiClient Anonymous() => new(CreateClient());

    public async Task<ApiClient> SignUpAsync(string role, string? displayName = null)
    {
        var email = $"{role}-{Guid.NewGuid():N}@tests.marketplace.id";
        const string password = "Rahasia-123-Pasar";
        var anonymous = Anonymous();
        var registered = await anonymous.PostAsync("/api/v1/auth/register", new
        {
            email,
            password,
            displayName = displayName ?? $"Test {role}",
            role,
        });
        await registered.ShouldHaveStatusAsync(201);

        // Registering signs in: the answer carries the same token pair as a login.
        var body = await registered.JsonAsync();
        anonymous.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body["accessToken"]!.GetValue<string>());
        anonymous.Email = email;
        anonymous.UserId = Guid.Parse(body["user"]!["id"]!.GetValue<string>());
        return anonymous;
    }

    public async Task<ApiClient> SignInAsync(string email, string password)
    {
        var client = Anonymous();
        var login = await client.PostAsync("/api/v1/auth/login", new { email, password });
        await login.ShouldHaveStatusAsync(200);
        var token = (await login.JsonAsync())["accessToken"]!.GetValue<string>();
        client.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        client.Email = email;
        return client;
    }

    public Task<ApiClient> AdminAsync() => SignInAsync(AdminEmail, AdminPassword);

    /// <summary>Delivers every pending integration event now, so a test observes their effects without sleeping.</summary>
    public async Task DrainOutboxAsync()
    {
        // Handlers may publish further events; a few passes settle the chain.
        for (var pass = 0; pass < 3; pass++)
        {
            foreach (var drain in Services.GetServices<IOutboxDrain>())
            {
                await drain.DrainAsync(CancellationToken.None);
            }
        }
    }
}
