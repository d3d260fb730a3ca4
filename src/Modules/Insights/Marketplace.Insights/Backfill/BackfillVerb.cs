using Marketplace.BuildingBlocks.Modules;
using Marketplace.Catalog.Contracts;
using Marketplace.Insights.Feeding;
using Marketplace.Orders.Contracts;

namespace Marketplace.Insights.Backfill;

/// <summary>
/// <c>insights-backfill</c>: counts what existed before the module (or before an event carried what it needs), through the
/// same handlers the events go through. Listed products and their shops come from the Catalog's search documents (every
/// published product of an active shop); paid orders from the Orders' directory of paid orders (a page at a time) —
/// without their lines or shipping city, so a backfilled order's GMV goes to its shop's first sub-sector and its buyer
/// counts as local. Safe to run twice and while events flow: listings are applied as differences from what is counted,
/// and an order already counted is skipped. Booths and leads of the past are not backfilled (no contract lists them).
/// </summary>
internal sealed class BackfillVerb : ICommandLineVerb
{
    public string Name => "insights-backfill";

    public string Description => "count shops, products and paid orders that existed before the insights module";

    public async Task<int> RunAsync(IServiceProvider services, string[] arguments, CancellationToken ct)
    {
        var (shops, products, orders) = await RunAsync(services, ct);
        Console.WriteLine($"insights-backfill: {shops} shops, {products} products, {orders} paid orders.");
        return 0;
    }

    public static async Task<(int Shops, int Products, int Orders)> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var seenShops = new HashSet<Guid>();
        var products = 0;
        await using (var scope = services.CreateAsyncScope())
        {
            var catalog = scope.ServiceProvider.GetRequiredService<ICatalogReader>();
            await foreach (var document in catalog.StreamSearchDocumentsAsync(ct))
            {
                if (seenShops.Add(document.ShopId))
                {
                    await HandleAsync<CatalogHandlers>(services, h => h.HandleAsync(new ShopChanged(document.ShopId, document.ShopSlug, ShopStatus.Active, document.ShopVerified, 0), ct));
                }

                await HandleAsync<CatalogHandlers>(services, h => h.HandleAsync(new ProductPublished(document.ProductId, document.ShopId, 0), ct));
                products++;
            }
        }

        var orders = 0;
        for (var skip = 0; ; skip += 500)
        {
            IReadOnlyList<OrderSummary> page;
            await using (var scope = services.CreateAsyncScope())
            {
                page = await scope.ServiceProvider.GetRequiredService<IOrderDirectory>().ListPaidAsync(skip, 500, ct);
            }

            foreach (var order in page.Where(o => o.PaidAt is not null && o.Status != "cancelled"))
            {
                await HandleAsync<OrderHandlers>(services, h => h.HandleAsync(
                    new OrderPaid(order.OrderId, order.OrderGroupId, order.ShopId, order.Total, order.PaidAt!.Value, ShopperId: order.ShopperId), ct));
                orders++;
            }

            if (page.Count < 500)
            {
                break;
            }
        }

        return (seenShops.Count, products, orders);
    }

    private static async Task HandleAsync<THandler>(IServiceProvider services, Func<THandler, Task> handle)
        where THandler : notnull
    {
        await using var scope = services.CreateAsyncScope();
        await handle(scope.ServiceProvider.GetRequiredService<THandler>());
    }
}
