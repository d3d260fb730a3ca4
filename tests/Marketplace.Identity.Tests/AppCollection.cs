namespace Marketplace.Identity.Tests;

/// <summary>The module's tests on the embedded store (SQLite).</summary>
[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<MarketplaceApp>
{
    public const string Name = "identity-app";
}

/// <summary>
/// The same tests on PostgreSQL. A test class is written once, abstract, against <see cref="MarketplaceApp"/>; two
/// one-line sealed classes put it in each collection (see RegisterAndLoginTests).
/// </summary>
[CollectionDefinition(Name)]
public sealed class PostgresAppCollection : ICollectionFixture<PostgresApp>
{
    public const string Name = "identity-app-postgres";
}
