using Marketplace.Catalog.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Catalog.Tests;

/// <summary>The stock rules, through the port other modules use (the Orders module calls it at checkout).</summary>
[Collection(AppCollection.Name)]
public sealed class StockReservationTestsOnSqlite(CatalogApp app) : StockReservationTests(app);

[Collection(PostgresAppCollection.Name)]
public sealed class StockReservationTestsOnPostgres(CatalogAppOnPostgres app) : StockReservationTests(app);

public abstract class StockReservationTests(CatalogApp app)
{
    private async Task<(Guid ShopId, Guid ProductId)> ProductWithStockAsync(int stock)
    {
        var owner = await app.SignUpAsync("merchant");
        var shop = await owner.CreateShopAsync();
        var product = await owner.CreatePublishedProductAsync(shop.Id(), CatalogFixtures.ProductBody(stock: stock));
        return (shop.Id(), product.Id());
    }

    private async Task<T> WithReservationsAsync<T>(Func<IStockReservations, Task<T>> action)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<IStockReservations>());
    }

    private async Task<int> StockOfAsync(Guid productId) =>
        (await app.Anonymous().GetJsonAsync($"/api/v1/products/{productId}"))["stock"]!.GetValue<int>();

    [Fact]
    public async Task Fifty_concurrent_reservations_for_ten_units_sell_exactly_ten()
    {
        var (_, productId) = await ProductWithStockAsync(10);
        var expires = DateTimeOffset.UtcNow.AddMinutes(30);

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() =>
            WithReservationsAsync(r => r.ReserveAsync(Guid.NewGuid(), [new StockLine(productId, 1)], expires, CancellationToken.None)))));

        Assert.Equal(10, results.Count(r => r.Outcome == ReservationOutcome.Reserved));
        Assert.Equal(40, results.Count(r => r.Outcome == ReservationOutcome.InsufficientStock));
        Assert.Equal(0, await StockOfAsync(productId));
    }

    [Fact]
    public async Task A_reservation_takes_all_its_lines_or_none()
    {
        var (_, plenty) = await ProductWithStockAsync(5);
        var (_, scarce) = await ProductWithStockAsync(1);

        var result = await WithReservationsAsync(r => r.ReserveAsync(Guid.NewGuid(),
            [new StockLine(plenty, 2), new StockLine(scarce, 2)], DateTimeOffset.UtcNow.AddMinutes(30), CancellationToken.None));

        Assert.Equal(ReservationOutcome.InsufficientStock, result.Outcome);
        Assert.Equal(scarce, result.FailedProductId);
        Assert.Equal(1, result.Available);
        Assert.Equal(5, await StockOfAsync(plenty));
        Assert.Equal(1, await StockOfAsync(scarce));
    }

    [Fact]
    public async Task Reserving_twice_with_the_same_id_takes_stock_once_and_releasing_returns_it_once()
    {
        var (_, productId) = await ProductWithStockAsync(10);
        var reservationId = Guid.NewGuid();
        var expires = DateTimeOffset.UtcNow.AddMinutes(30);

        var first = await WithReservationsAsync(r => r.ReserveAsync(reservationId, [new StockLine(productId, 3)], expires, CancellationToken.None));
        var retry = await WithReservationsAsync(r => r.ReserveAsync(reservationId, [new StockLine(productId, 3)], expires, CancellationToken.None));
        Assert.Equal(ReservationOutcome.Reserved, first.Outcome);
        Assert.Equal(ReservationOutcome.AlreadyReserved, retry.Outcome);
        Assert.Equal(7, await StockOfAsync(productId));

        await WithReservationsAsync(async r => { await r.ReleaseAsync(reservationId, CancellationToken.None); return 0; });
        await WithReservationsAsync(async r => { await r.ReleaseAsync(reservationId, CancellationToken.None); return 0; });
        Assert.Equal(10, await StockOfAsync(productId));
    }

    [Fact]
    public async Task An_expired_unconfirmed_reservation_returns_its_stock_and_a_confirmed_one_does_not()
    {
        var (_, productId) = await ProductWithStockAsync(10);
        var past = DateTimeOffset.UtcNow.AddSeconds(-1);
        var unpaid = Guid.NewGuid();
        var paid = Guid.NewGuid();
        await WithReservationsAsync(r => r.ReserveAsync(unpaid, [new StockLine(productId, 2)], past, CancellationToken.None));
        await WithReservationsAsync(r => r.ReserveAsync(paid, [new StockLine(productId, 3)], past, CancellationToken.None));
        Assert.True(await WithReservationsAsync(r => r.ConfirmAsync(paid, CancellationToken.None)));
        Assert.Equal(5, await StockOfAsync(productId));

        await WithReservationsAsync(r => r.ReleaseExpiredAsync(CancellationToken.None));

        Assert.Equal(7, await StockOfAsync(productId));
        Assert.False(await WithReservationsAsync(r => r.ConfirmAsync(unpaid, CancellationToken.None)));
    }

    [Fact]
    public async Task Drafts_and_products_of_suspended_shops_cannot_be_reserved()
    {
        var owner = await app.SignUpAsync("merchant");
        var shop = await owner.CreateShopAsync();
        var draft = await owner.CreateProductAsync(shop.Id());

        var result = await WithReservationsAsync(r => r.ReserveAsync(Guid.NewGuid(), [new StockLine(draft.Id(), 1)], DateTimeOffset.UtcNow.AddMinutes(5), CancellationToken.None));

        Assert.Equal(ReservationOutcome.NotSellable, result.Outcome);
        Assert.Equal(10, (await owner.GetJsonAsync($"/api/v1/products/{draft.Id()}"))["stock"]!.GetValue<int>());
    }
}
