using System.Reflection;
using AutoMapper;
using AutoMapper.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Api.Tests;

[CollectionDefinition(Name)]
public sealed class PostgresAppCollection : ICollectionFixture<MarketplaceAppOnPostgres>
{
    public const string Name = "api-app-postgres";
}

public sealed class MarketplaceAppOnPostgres : MarketplaceApp
{
    public MarketplaceAppOnPostgres() => Provider = StoreProvider.Postgres;
}

[Collection(AppCollection.Name)]
public sealed class ModuleModelTestsOnSqlite(MarketplaceApp app) : ModuleModelTests(app);

[Collection(PostgresAppCollection.Name)]
public sealed class ModuleModelTestsOnPostgres(MarketplaceAppOnPostgres app) : ModuleModelTests(app);

/// <summary>
/// Checks every module needs, run once for all of them: each module's DbContext and each AutoMapper profile, found in
/// the build output, so a module added tomorrow is checked without anyone writing a test for it.
/// </summary>
public abstract class ModuleModelTests(MarketplaceApp app)
{
    private static readonly IReadOnlyList<Assembly> Ours = Directory.GetFiles(AppContext.BaseDirectory, "Marketplace.*.dll")
        .Select(Path.GetFileNameWithoutExtension)
        .Where(n => n is not null && !n.EndsWith(".Tests", StringComparison.Ordinal) && n != "Marketplace.Testing")
        .Select(n => Assembly.Load(new AssemblyName(n!)))
        .ToList();

    public static TheoryData<string> DbContexts() =>
        new(ConcreteSubclassesOf(typeof(DbContext)).Select(t => t.FullName!));

    public static TheoryData<string> MappingProfiles() =>
        new(ConcreteSubclassesOf(typeof(Profile)).Select(t => t.FullName!));

    [Fact]
    public void Every_module_with_a_store_is_found()
    {
        Assert.True(DbContexts().Count >= 5, "Expected a DbContext per module that stores data (Identity, Catalog, Cart, Orders, Exhibitions).");
        Assert.True(MappingProfiles().Count >= 5);
    }

    [Theory]
    [MemberData(nameof(DbContexts))]
    public async Task The_migrations_of_this_provider_match_the_model(string dbContext)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = (DbContext)scope.ServiceProvider.GetRequiredService(Find(dbContext));

        Assert.False(db.Database.HasPendingModelChanges(),
            $"{dbContext} has changes no migration captures: run infra/add-migration.sh <Module> <Name> (it adds both providers' migrations).");
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Theory]
    [MemberData(nameof(MappingProfiles))]
    public void The_AutoMapper_profile_is_valid(string profile)
    {
        var mapper = app.Services.GetRequiredService<IMapper>();
        mapper.ConfigurationProvider.Internal().AssertConfigurationIsValid(profile);
    }

    private static Type Find(string fullName) => Ours.Select(a => a.GetType(fullName)).Single(t => t is not null)!;

    private static IEnumerable<Type> ConcreteSubclassesOf(Type baseType) =>
        Ours.SelectMany(a => a.GetTypes()).Where(t => t is { IsAbstract: false, IsClass: true } && baseType.IsAssignableFrom(t)).OrderBy(t => t.FullName, StringComparer.Ordinal);
}
