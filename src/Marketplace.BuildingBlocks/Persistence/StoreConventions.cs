using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Marketplace.BuildingBlocks.Persistence;

public static class StoreConventions
{
    /// <summary>
    /// Conventions every module's DbContext applies. SQLite stores DateTimeOffset as text, which it cannot compare or
    /// sort in SQL; storing UTC ticks (binary form) keeps "expires before now" and "newest first" in the database.
    /// </summary>
    public static void ApplyMarketplaceConventions(this ModelConfigurationBuilder configuration, DatabaseFacade database)
    {
        if (database.IsSqlite())
        {
            configuration.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
            configuration.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }
    }
}
