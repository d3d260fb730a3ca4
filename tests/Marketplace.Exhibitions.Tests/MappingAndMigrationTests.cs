using AutoMapper;
using Marketplace.Exhibitions.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Exhibitions.Tests;

[Collection(AppCollection.Name)]
public sealed class MappingAndMigrationTests(ExhibitionsApp app) : MappingAndMigrationTestsBase(app);

[Collection(PostgresAppCollection.Name)]
public sealed class MappingAndMigrationTestsOnPostgres(ExhibitionsAppOnPostgres app) : MappingAndMigrationTestsBase(app);

public abstract class MappingAndMigrationTestsBase(ExhibitionsApp app)
{
    [Fact]
    public void Every_AutoMapper_profile_is_valid() =>
        app.Services.GetRequiredService<IMapper>().ConfigurationProvider.AssertConfigurationIsValid();

    [Fact]
    public async Task The_migrations_of_this_provider_match_the_model()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ExhibitionsDbContext>();
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes no migration captures: run infra/add-migration.sh Exhibitions <Name>.");
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }
}
