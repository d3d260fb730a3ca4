using Marketplace.BuildingBlocks.Outbox;
using Marketplace.BuildingBlocks.Persistence;
using Marketplace.SharedKernel.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Api.Tests;

/// <summary>
/// Module contexts are pooled (<c>AddModuleDbContext</c>): one context instance serves one scope after another. What a
/// scope did to a context — a connection borrowed from a shared transaction's leader, events queued for a save that
/// never came — must not reach the next scope that leases it. Two module-like contexts on one SQLite file, registered the
/// way modules register theirs.
/// </summary>
public sealed class PooledModuleContextTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mp-pooled-" + Guid.NewGuid().ToString("N"));
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        var options = new DatabaseOptions { DataDirectory = _folder };
        var services = new ServiceCollection();
        services.AddModuleDbContext<LeaderContext>((_, o) => o.UseMarketplaceStore(options, "leader"));
        services.AddModuleDbContext<FollowerContext>((_, o) => o.UseMarketplaceStore(options, "follower"));
        services.AddSharedStoreTransaction();
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });

        await using var scope = _services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<LeaderContext>().Database.EnsureCreatedAsync();
        await scope.ServiceProvider.GetRequiredService<FollowerContext>().GetService<IRelationalDatabaseCreator>().CreateTablesAsync();
    }

    [Fact]
    public async Task A_context_that_wrote_in_a_shared_transaction_comes_back_from_the_pool_on_a_connection_of_its_own()
    {
        FollowerContext follower;
        System.Data.Common.DbConnection leaderConnection;
        await using (var scope = _services.CreateAsyncScope())
        {
            var leader = scope.ServiceProvider.GetRequiredService<LeaderContext>();
            follower = scope.ServiceProvider.GetRequiredService<FollowerContext>();
            var shared = scope.ServiceProvider.GetRequiredService<SharedStoreTransaction>();
            await shared.BeginAsync(leader, default);
            Assert.True(shared.Enlist(follower));
            leaderConnection = leader.Database.GetDbConnection();
            Assert.Same(leaderConnection, follower.Database.GetDbConnection());

            leader.Notes.Add(new Note { Id = Guid.NewGuid(), Text = "order" });
            await leader.SaveChangesAsync();
            follower.Lines.Add(new Line { Id = Guid.NewGuid(), Text = "reservation" });
            await follower.SaveChangesAsync();
            await shared.CommitAsync(default);

            Assert.NotSame(leaderConnection, follower.Database.GetDbConnection());
        }

        await using (var next = _services.CreateAsyncScope())
        {
            var again = next.ServiceProvider.GetRequiredService<FollowerContext>();
            Assert.Same(follower, again); // the pooled instance
            Assert.NotSame(leaderConnection, again.Database.GetDbConnection());
            Assert.Equal("reservation", Assert.Single(await again.Lines.Select(l => l.Text).ToListAsync()));
        }

        await BothContextsServeParallelScopesAsync(expectedNotes: 1, expectedLines: 1);
    }

    [Fact]
    public async Task A_scope_that_ends_before_its_shared_transaction_rolls_back_and_hands_back_clean_contexts()
    {
        System.Data.Common.DbConnection leaderConnection;
        await using (var scope = _services.CreateAsyncScope())
        {
            // Resolved before the contexts, so the scope returns the contexts to their pools before it disposes this.
            var shared = scope.ServiceProvider.GetRequiredService<SharedStoreTransaction>();
            var leader = scope.ServiceProvider.GetRequiredService<LeaderContext>();
            var follower = scope.ServiceProvider.GetRequiredService<FollowerContext>();
            await shared.BeginAsync(leader, default);
            shared.Enlist(follower);
            leaderConnection = leader.Database.GetDbConnection();
            leader.Notes.Add(new Note { Id = Guid.NewGuid(), Text = "never committed" });
            await leader.SaveChangesAsync();
            follower.Lines.Add(new Line { Id = Guid.NewGuid(), Text = "never committed" });
            await follower.SaveChangesAsync();
        }

        await using (var next = _services.CreateAsyncScope())
        {
            Assert.NotSame(leaderConnection, next.ServiceProvider.GetRequiredService<FollowerContext>().Database.GetDbConnection());
        }

        await BothContextsServeParallelScopesAsync(expectedNotes: 0, expectedLines: 0);
    }

    [Fact]
    public async Task Events_queued_in_a_scope_that_never_saved_are_not_written_by_the_next_lease()
    {
        LeaderContext first;
        await using (var scope = _services.CreateAsyncScope())
        {
            first = scope.ServiceProvider.GetRequiredService<LeaderContext>();
            first.AddIntegrationEvent(() => new Happened());
            first.AddIntegrationEvent(new Happened());
        }

        await using (var next = _services.CreateAsyncScope())
        {
            var db = next.ServiceProvider.GetRequiredService<LeaderContext>();
            Assert.Same(first, db);
            db.Notes.Add(new Note { Id = Guid.NewGuid(), Text = "saved alone" });
            await db.SaveChangesAsync();
            Assert.Equal(0, await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM leader_outbox").SingleAsync());

            db.AddIntegrationEvent(() => new Happened());
            await db.SaveChangesAsync();
            Assert.Equal(1, await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM leader_outbox").SingleAsync());
        }
    }

    /// <summary>Many scopes at once, each leasing both contexts and writing through each: a context still on another's connection would collide.</summary>
    private async Task BothContextsServeParallelScopesAsync(int expectedNotes, int expectedLines)
    {
        const int scopes = 16;
        await Task.WhenAll(Enumerable.Range(0, scopes).Select(i => Task.Run(async () =>
        {
            await using var scope = _services.CreateAsyncScope();
            var follower = scope.ServiceProvider.GetRequiredService<FollowerContext>();
            var leader = scope.ServiceProvider.GetRequiredService<LeaderContext>();
            Assert.NotSame(leader.Database.GetDbConnection(), follower.Database.GetDbConnection());
            follower.Lines.Add(new Line { Id = Guid.NewGuid(), Text = $"parallel {i}" });
            await follower.SaveChangesAsync();
            leader.Notes.Add(new Note { Id = Guid.NewGuid(), Text = $"parallel {i}" });
            await leader.SaveChangesAsync();
            Assert.True(await follower.Lines.AnyAsync(l => l.Text == $"parallel {i}"));
        })));

        await using var check = _services.CreateAsyncScope();
        Assert.Equal(expectedNotes + scopes, await check.ServiceProvider.GetRequiredService<LeaderContext>().Notes.CountAsync());
        Assert.Equal(expectedLines + scopes, await check.ServiceProvider.GetRequiredService<FollowerContext>().Lines.CountAsync());
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open on this platform; the temp folder is cleaned with the machine.
        }
    }

    public sealed record Happened : IntegrationEvent;

    public sealed class Note
    {
        public Guid Id { get; set; }

        public string Text { get; set; } = "";
    }

    public sealed class Line
    {
        public Guid Id { get; set; }

        public string Text { get; set; } = "";
    }

    public sealed class LeaderContext(DbContextOptions<LeaderContext> options) : DbContext(options)
    {
        public DbSet<Note> Notes => Set<Note>();

        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            modelBuilder.Entity<Note>().ToTable("leader_notes");
            modelBuilder.AddOutboxAndInbox("leader");
        }
    }

    public sealed class FollowerContext(DbContextOptions<FollowerContext> options) : DbContext(options)
    {
        public DbSet<Line> Lines => Set<Line>();

        protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.Entity<Line>().ToTable("follower_lines");
    }
}
