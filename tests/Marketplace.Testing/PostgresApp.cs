namespace Marketplace.Testing;

public enum StoreProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// <see cref="MarketplaceApp"/> on PostgreSQL: a fresh database on the test process's shared cluster
/// (<see cref="Servers.PostgresServer"/>), dropped when the fixture is disposed.
/// </summary>
public class PostgresApp : MarketplaceApp
{
    public PostgresApp() => Provider = StoreProvider.Postgres;
}
