using Marketplace.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Marketplace.Identity.Persistence;

/// <summary>Lets <c>dotnet ef migrations add</c> build the context without starting the host (SQLite migrations).</summary>
internal sealed class IdentityDesignTimeFactory : IDesignTimeDbContextFactory<IdentityDbContext>
{
    public IdentityDbContext CreateDbContext(string[] args) =>
        new(DesignTime.Options<IdentityDbContext>(IdentityDbContext.Module));
}
