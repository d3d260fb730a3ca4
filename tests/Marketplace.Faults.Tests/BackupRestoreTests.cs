using Marketplace.Testing.Servers;
using Npgsql;
using Xunit.Abstractions;

namespace Marketplace.Faults.Tests;

/// <summary>
/// <c>backup</c> taken while the service serves, the data folder destroyed, <c>restore</c> into an empty one: every
/// order, stock level, search result, photo-free data file and signing key is back, and what happened after the
/// backup is not; a damaged backup is refused before anything changes.
/// </summary>
[Collection(ProcessFaults.Name)]
public sealed class BackupRestoreTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _backups = Directory.CreateTempSubdirectory("mp-backups-").FullName;

    [Fact]
    public async Task A_backup_taken_while_serving_brings_back_every_order_stock_level_and_search_result_after_the_data_folder_is_lost()
    {
        await using var api = await Faults.StartAsync(StoreProvider.Sqlite);
        var before = await ArrangeAsync(api);

        var folder = Path.Combine(_backups, "nightly");
        await RunVerbAsync(api, "backup", folder);
        Assert.True(File.Exists(Path.Combine(folder, "manifest.json")));
        Assert.Empty(Directory.GetDirectories(_backups, "nightly.partial-*"));
        var laterOrder = await OrderAfterTheBackupAsync(before);

        // The machine loses its data folder.
        api.Kill();
        Directory.Delete(api.DataDirectory, recursive: true);
        Directory.CreateDirectory(api.DataDirectory);

        await RunVerbAsync(api, "restore", folder);
        await api.StartAsync();
        await VerifyAsync(api, before, laterOrder);
    }

    [Fact]
    public async Task The_PostgreSQL_scripts_with_the_backup_verb_bring_back_every_order_stock_level_and_search_result_after_the_database_is_lost()
    {
        await using var api = await Faults.StartAsync(StoreProvider.Postgres);
        var before = await ArrangeAsync(api);
        var connectionString = api.Settings["ConnectionStrings:Marketplace"];
        var database = new NpgsqlConnectionStringBuilder(connectionString);
        var conninfo = $"host={database.Host} port={database.Port} user={database.Username} dbname={database.Database}";

        var dump = Path.Combine(_backups, "marketplace.dump");
        output.WriteLine(await LocalProcess.RunAsync("bash", [Script("pg-backup.sh"), conninfo, dump], TimeSpan.FromMinutes(2)));
        var folder = Path.Combine(_backups, "files");
        await RunVerbAsync(api, "backup", folder);
        var laterOrder = await OrderAfterTheBackupAsync(before);

        // The database and the data folder are lost; an empty database of the same name is created.
        api.Kill();
        var server = await PostgresServer.SharedAsync();
        await server.DropDatabaseAsync(connectionString);
        await server.CreateDatabaseAsync(database.Database);
        Directory.Delete(api.DataDirectory, recursive: true);
        Directory.CreateDirectory(api.DataDirectory);

        output.WriteLine(await LocalProcess.RunAsync("bash", [Script("pg-restore.sh"), conninfo, dump], TimeSpan.FromMinutes(2)));
        await RunVerbAsync(api, "restore", folder);
        await api.StartAsync();
        await VerifyAsync(api, before, laterOrder);
    }

    private sealed record Arranged(Store Store, ApiClient Merchant, ApiClient Shopper, List<Guid> Products, List<string> Orders, Dictionary<Guid, (long Stock, long Held, long Sold)> Stock);

    private static async Task<Arranged> ArrangeAsync(ApiProcess api)
    {
        var store = new Store(api);
        var merchant = await api.SignUpAsync("merchant");
        var products = await Faults.ProductsAsync(merchant, count: 3, stock: 20);
        var shopper = await api.SignUpAsync("shopper");
        foreach (var product in products)
        {
            Assert.True((await shopper.PostAsync("/api/v1/cart/items", new { productId = product, quantity = 2 })).IsSuccessStatusCode);
        }

        var checkout = await Faults.CheckoutAsync(shopper);
        await checkout.ShouldHaveStatusAsync(201);
        var orders = (await checkout.JsonAsync())["orders"]!.AsArray().Select(o => o!["id"]!.GetValue<string>()).ToList();
        await Eventually.HoldsAsync(async () => await SearchHitsAsync(api, products) == products.Count, TimeSpan.FromSeconds(30), "the products are searchable before the backup");
        return new Arranged(store, merchant, shopper, products, orders, await store.StockLedgerAsync(products));
    }

    /// <summary>An order placed after the backup: the restore must not bring it back.</summary>
    private static async Task<string> OrderAfterTheBackupAsync(Arranged before)
    {
        Assert.True((await before.Shopper.PostAsync("/api/v1/cart/items", new { productId = before.Products[0], quantity = 1 })).IsSuccessStatusCode);
        var later = await Faults.CheckoutAsync(before.Shopper);
        await later.ShouldHaveStatusAsync(201);
        return (await later.JsonAsync())["orders"]![0]!["id"]!.GetValue<string>();
    }

    private static async Task VerifyAsync(ApiProcess api, Arranged before, string laterOrder)
    {
        foreach (var order in before.Orders)
        {
            await (await before.Shopper.GetAsync($"/api/v1/orders/{order}")).ShouldHaveStatusAsync(200);
        }

        await (await before.Shopper.GetAsync($"/api/v1/orders/{laterOrder}")).ShouldHaveStatusAsync(404);
        Assert.Equal(before.Stock, await before.Store.StockLedgerAsync(before.Products));

        // Search answers from the restored (and rebuilt) index as soon as the service has opened it.
        await Eventually.HoldsAsync(async () => await SearchHitsAsync(api, before.Products) == before.Products.Count, TimeSpan.FromSeconds(30), "the restored index finds the products");

        // The signing key came back too: a token issued before the loss still works.
        await (await before.Merchant.GetAsync("/api/v1/me")).ShouldHaveStatusAsync(200);
    }

    private async Task RunVerbAsync(ApiProcess api, params string[] arguments)
    {
        var (exit, log) = await api.RunVerbAsync(arguments);
        output.WriteLine(log);
        Assert.True(exit == 0, $"{arguments[0]} failed ({exit}): {log}");
    }

    private static string Script(string name) => Path.Combine(TestNpmPackages.RepositoryRoot(), "infra", name);

    private static async Task<int> SearchHitsAsync(ApiProcess api, IReadOnlyCollection<Guid> products)
    {
        var response = await api.Anonymous().GetAsync("/api/v1/search/products?q=Pempek%20Tahan%20Banting&pageSize=50");
        if (!response.IsSuccessStatusCode)
        {
            return -1; // 503 while a loaded machine opens the index: asked again
        }

        var search = await response.JsonAsync();
        return search["items"]!.AsArray().Count(i => products.Contains(Guid.Parse(i!["productId"]!.GetValue<string>())));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_backups, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
